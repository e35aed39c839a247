/** The vendored NIR files (test/data/nir/README.md) and a runner recording spikes and v. */
import { readFileSync } from 'node:fs';
import { SpikeMonitor, StateMonitor } from '../../../../sim/engine/monitors.ts';
import { Simulator } from '../../../../sim/engine/simulator.ts';
import { type ImportNirOptions, importNir } from '../../../../sim/io/nir/index.ts';
import type { NirNetwork } from '../../../../sim/io/nir/to-network.ts';
import { buildNetwork } from '../../../../sim/network/build.ts';
import type { Network } from '../../../../sim/network/network.ts';

export const NIR_FILES = [
  'braille_noDelay_bias_zero',
  'lif_norse',
  'lif_rockpool',
  'snntorch_lif',
  'two_lif_neurons',
] as const;

export function nirBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../data/nir/${name}.nir`, import.meta.url)));
}

/** Every spike of `ticks` ticks as sorted `tick:label<index>` words: two networks' runs compare as strings. */
export function spikeWords(net: Network, ticks: number): string {
  const mon = new SpikeMonitor(1);
  new Simulator(net, { listeners: [mon], backend: 'js' }).run(ticks);
  const r = mon.record();
  const name = (id: number) => {
    const p = net.populations.find((q) => id >= q.offset && id < q.offset + q.size)!;
    return `${p.label}${id - p.offset}`;
  };
  return Array.from(r.ids, (id, k) => `${r.ticks[k]}:${name(id)}`)
    .sort()
    .join(' ');
}

export function loadNir(name: string, opts: ImportNirOptions): Promise<NirNetwork> {
  return importNir(nirBytes(name), opts);
}

/** Spike ticks per neuron of each population, and v of one population per tick. */
export function run(net: NirNetwork, ticks: number, vOf?: string) {
  const built = buildNetwork(net.spec);
  const mon = new SpikeMonitor(1);
  const sim = new Simulator(built, { listeners: [mon], backend: 'js' });
  const pop = vOf ? built.populations.find((p) => p.label === vOf)! : null;
  const state = pop
    ? new StateMonitor(
        sim,
        vOf!,
        'v',
        Uint32Array.from({ length: pop.size }, (_, i) => i),
      )
    : null;
  sim.run(ticks);
  const rec = mon.record();
  const spikes = new Map<string, number[][]>(
    built.populations.map((p) => [p.label, Array.from({ length: p.size }, () => [] as number[])]),
  );
  for (let k = 0; k < rec.ids.length; k++) {
    const id = rec.ids[k]!;
    const p = built.populations.find((q) => id >= q.offset && id < q.offset + q.size)!;
    spikes.get(p.label)![id - p.offset]!.push(rec.ticks[k]!);
  }
  return { spikes, v: state?.values() ?? new Float32Array(0) };
}

/** Spikes per step of a population of `n` neurons, shifted back by its latency. */
export function stepsOf(spikes: number[][], lag: number): number[][] {
  return spikes
    .flatMap((ticks, i) => ticks.map((t) => [t - lag, i]))
    .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
}
