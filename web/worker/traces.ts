/**
 * Membrane-potential traces of chosen neurons, named by global id (the
 * raster's y axis): one StateMonitor per population involved, sampled often
 * enough to show spikes and resets but at most MAX_SAMPLES times per trace.
 */

import { StateMonitor } from '../../sim/engine/monitors.ts';
import type { Simulator } from '../../sim/engine/simulator.ts';
import type { Network } from '../../sim/network/network.ts';
import { invalid } from '../../src/core/errors.ts';

export const MAX_SAMPLES = 10_000;

export interface TraceData {
  /** Global ids of the traced neurons. */
  neurons: number[];
  /** `exc 12` (population label and local index) for each. */
  labels: string[];
  /** Population index of each. */
  populations: number[];
  intervalMs: number;
  samples: number;
  /** samples × neurons, row-major: values[s · neurons.length + j] (mV). */
  values: Float32Array;
}

/** A few neurons of each neuron population: the first two of the first, the first of the others. */
export function defaultTraceNeurons(net: Network): number[] {
  const out: number[] = [];
  for (const p of net.populations) {
    if (p.kind !== 'neuron') continue;
    const take = out.length === 0 ? Math.min(2, p.size) : 1;
    for (let i = 0; i < take; i++) out.push(p.offset + i);
    if (out.length >= 3) break;
  }
  return out;
}

export class Traces {
  private readonly monitors: { monitor: StateMonitor; columns: number[] }[] = [];
  private readonly labels: string[];
  private readonly pops: number[];
  readonly intervalTicks: number;

  constructor(
    sim: Simulator,
    readonly neurons: number[],
    totalTicks: number,
  ) {
    const net = sim.network;
    this.intervalTicks = Math.max(1, Math.ceil(totalTicks / MAX_SAMPLES));
    this.labels = [];
    this.pops = [];
    const byPop = new Map<number, { local: number[]; columns: number[] }>();
    neurons.forEach((id, j) => {
      const p = net.populations.findIndex((x) => id >= x.offset && id < x.offset + x.size);
      const pop = net.populations[p];
      if (!pop) throw invalid('trace neuron', id, `a neuron id below ${net.size}`);
      if (pop.kind !== 'neuron') {
        throw invalid('trace neuron', id, `a neuron, not a spike source ('${pop.label}')`);
      }
      this.labels.push(`${pop.label} ${id - pop.offset}`);
      this.pops.push(p);
      const entry = byPop.get(p) ?? { local: [], columns: [] };
      entry.local.push(id - pop.offset);
      entry.columns.push(j);
      byPop.set(p, entry);
    });
    for (const [p, { local, columns }] of byPop) {
      const monitor = new StateMonitor(sim, p, 'v', Uint32Array.from(local), this.intervalTicks);
      this.monitors.push({ monitor, columns });
    }
  }

  data(dt: number): TraceData {
    const m = this.neurons.length;
    const samples = this.monitors.length
      ? this.monitors[0]!.monitor.values().length / this.monitors[0]!.columns.length
      : 0;
    const values = new Float32Array(samples * m);
    for (const { monitor, columns } of this.monitors) {
      const v = monitor.values();
      const k = columns.length;
      for (let s = 0; s < samples; s++)
        for (let c = 0; c < k; c++) values[s * m + columns[c]!] = v[s * k + c]!;
    }
    return {
      neurons: this.neurons,
      labels: this.labels,
      populations: this.pops,
      intervalMs: this.intervalTicks * dt,
      samples,
      values,
    };
  }
}
