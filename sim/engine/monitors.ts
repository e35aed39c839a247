/**
 * Monitors are spike listeners (Brian2's monitors are phase participants the
 * same way): spikes of all or some neurons as typed arrays, population rates
 * in bins, and state variables of chosen neurons at a chosen interval.
 */
import { invalid } from '../../src/core/errors.ts';
import { type Network, restOf } from '../network/network.ts';
import type { StateArray } from '../neurons/types.ts';
import type { SpikeListener } from './listener.ts';
import type { Simulator } from './simulator.ts';

/** Growable Uint32Array pair; doubles its capacity, so appending is amortised O(1). */
class PairBuffer {
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  length = 0;

  push(x: number, y: number): void {
    if (this.length === this.a.length) {
      const grow = (old: Uint32Array) => {
        const n = new Uint32Array(old.length * 2);
        n.set(old);
        return n;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
    }
    this.a[this.length] = x;
    this.b[this.length++] = y;
  }
}

export interface SpikeRecord {
  /** Tick of each spike, ascending. */
  ticks: Uint32Array;
  /** Global neuron id of each spike. */
  ids: Uint32Array;
  dt: number;
}

/** Spike times in ms (tick · dt; a spike in tick t is stamped at t·dt, Brian2's convention). */
export function spikeTimes(r: SpikeRecord): Float64Array {
  return Float64Array.from(r.ticks, (t) => t * r.dt);
}

/** Records spikes (tick, global id) of all neurons, or of those with `select(id)` true. */
export class SpikeMonitor implements SpikeListener {
  private readonly buf = new PairBuffer();
  private readonly mask: Uint8Array | null;

  constructor(
    private readonly dt: number,
    opts: { size?: number; select?: (id: number) => boolean } = {},
  ) {
    if (opts.select) {
      if (opts.size === undefined)
        throw invalid('SpikeMonitor size', undefined, 'the network size when select is given');
      this.mask = new Uint8Array(opts.size);
      for (let i = 0; i < opts.size; i++) this.mask[i] = opts.select(i) ? 1 : 0;
    } else {
      this.mask = null;
    }
  }

  /** A monitor of the given populations (indices or labels) of a network. */
  static of(net: Network, populations?: (number | string)[]): SpikeMonitor {
    if (!populations) return new SpikeMonitor(net.dt);
    const ranges = populations.map((p) => {
      const pop =
        typeof p === 'number' ? net.populations[p] : net.populations.find((x) => x.label === p);
      if (!pop) throw invalid('population', p, net.populations.map((x) => x.label).join(', '));
      return [pop.offset, pop.offset + pop.size] as const;
    });
    return new SpikeMonitor(net.dt, {
      size: net.size,
      select: (id) => ranges.some(([a, b]) => id >= a && id < b),
    });
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    const mask = this.mask;
    for (let k = 0; k < count; k++) {
      const id = ids[k]!;
      if (mask === null || mask[id] === 1) this.buf.push(tick, id);
    }
  }

  onReset(): void {
    this.buf.length = 0;
  }

  get count(): number {
    return this.buf.length;
  }

  /** Copies of the recorded spikes. */
  record(): SpikeRecord {
    return {
      ticks: this.buf.a.slice(0, this.buf.length),
      ids: this.buf.b.slice(0, this.buf.length),
      dt: this.dt,
    };
  }
}

/** Spike counts of each population in bins of `binTicks`; rates in Hz on request. */
export class RateMonitor implements SpikeListener {
  private counts: Float64Array;
  private readonly popOf: Uint16Array | Uint32Array;
  private bins = 0;

  constructor(
    private readonly net: Network,
    private readonly binTicks: number,
  ) {
    if (!(Number.isInteger(binTicks) && binTicks >= 1))
      throw invalid('binTicks', binTicks, 'an integer ≥ 1');
    this.popOf =
      net.populations.length < 65536 ? new Uint16Array(net.size) : new Uint32Array(net.size);
    net.populations.forEach((p, i) => {
      this.popOf.fill(i, p.offset, p.offset + p.size);
    });
    this.counts = new Float64Array(64 * net.populations.length);
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    const bin = Math.floor(tick / this.binTicks);
    const P = this.net.populations.length;
    if (bin >= this.bins) {
      this.bins = bin + 1;
      if (this.bins * P > this.counts.length) {
        const n = new Float64Array(Math.max(this.counts.length * 2, this.bins * P));
        n.set(this.counts);
        this.counts = n;
      }
    }
    const base = bin * P;
    for (let k = 0; k < count; k++) this.counts[base + this.popOf[ids[k]!]!]!++;
  }

  onReset(): void {
    this.counts.fill(0);
    this.bins = 0;
  }

  /** Rate (Hz) of population p in each bin. */
  rates(p: number): Float64Array {
    const P = this.net.populations.length;
    const size = this.net.populations[p]!.size;
    const binS = (this.binTicks * this.net.dt) / 1000;
    const out = new Float64Array(this.bins);
    for (let b = 0; b < this.bins; b++) out[b] = this.counts[b * P + p]! / size / binS;
    return out;
  }
}

/** Samples one state variable of chosen neurons every `intervalTicks`, after the tick's update and reset. */
export class StateMonitor implements SpikeListener {
  private data: Float32Array;
  private samples = 0;
  private readonly source: StateArray;
  /** Resting potential of each recorded neuron (v is stored relative to it), or zeros. */
  private readonly offsets: Float64Array;

  constructor(
    sim: Simulator,
    population: number | string,
    readonly variable: string,
    readonly neurons: Uint32Array,
    readonly intervalTicks = 1,
  ) {
    const net = sim.network;
    const p =
      typeof population === 'number'
        ? population
        : net.populations.findIndex((x) => x.label === population);
    const pop = net.populations[p];
    if (pop?.kind !== 'neuron') throw invalid('population', population, 'a neuron population');
    const k = pop.neuron.stateVars.findIndex((v) => v.name === variable);
    if (k < 0)
      throw invalid(
        'variable',
        variable,
        pop.neuron.stateVars.map((v) => v.name).join(', '),
        'UNKNOWN_TYPE',
      );
    for (const i of neurons)
      if (i >= pop.size) throw invalid('neurons', i, `indices below ${pop.size}`);
    this.source = sim.populationState(p).vars[k]!;
    this.offsets = Float64Array.from(neurons, (i) => (k === 0 ? restOf(pop, i) : 0));
    this.data = new Float32Array(Math.max(1, neurons.length) * 256);
    sim.addListener(this);
  }

  onSpikes(tick: number): void {
    if (tick % this.intervalTicks !== 0) return;
    const m = this.neurons.length;
    if ((this.samples + 1) * m > this.data.length) {
      const n = new Float32Array(this.data.length * 2);
      n.set(this.data);
      this.data = n;
    }
    const base = this.samples * m;
    for (let j = 0; j < m; j++)
      this.data[base + j] = this.source[this.neurons[j]!]! + this.offsets[j]!;
    this.samples++;
  }

  onReset(): void {
    this.samples = 0;
  }

  /** Samples × neurons, row-major: values[s · neurons.length + j]. */
  values(): Float32Array {
    return this.data.slice(0, this.samples * this.neurons.length);
  }
}
