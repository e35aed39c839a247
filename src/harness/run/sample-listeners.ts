/**
 * Listeners the harness puts on the engine for one sample at a time: spike
 * counts per neuron (the readout and the per-layer diagnostics), and a log
 * of the sample's spikes that is replayed afterwards to listeners needing
 * one continuous time line over all samples (the hardware counters): the
 * engine restarts at tick 0 for each sample, so tick t of sample s is
 * replayed as s·timesteps + t. Replaying after the sample keeps the
 * counters' cost out of the engine's time per sample.
 */
import type { SpikeListener } from '../../../sim/engine/listener.ts';

/** Spikes per neuron (global ids) within the current sample; cleared by the engine's reset. */
export class NeuronCounts implements SpikeListener {
  readonly counts: Int32Array;

  constructor(size: number) {
    this.counts = new Int32Array(size);
  }

  onSpikes(_tick: number, ids: Uint32Array, count: number): void {
    const c = this.counts;
    for (let k = 0; k < count; k++) c[ids[k]!]!++;
  }

  onReset(): void {
    this.counts.fill(0);
  }
}

/** Every spike of the current sample, tick by tick; cleared by the engine's reset. */
export class SpikeLog implements SpikeListener {
  private ids = new Uint32Array(1 << 14);
  private length = 0;
  /** ids of tick t are ids[tickEnd[t − 1] .. tickEnd[t]] (tickEnd[−1] = 0). */
  private tickEnd = new Uint32Array(1024);
  private ticks = 0;
  private readonly scratch: Uint32Array;

  constructor(networkSize: number) {
    this.scratch = new Uint32Array(networkSize);
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    if (this.length + count > this.ids.length) {
      let size = this.ids.length * 2;
      while (size < this.length + count) size *= 2;
      const bigger = new Uint32Array(size);
      bigger.set(this.ids.subarray(0, this.length));
      this.ids = bigger;
    }
    for (let k = 0; k < count; k++) this.ids[this.length + k] = ids[k]!;
    this.length += count;
    if (tick >= this.tickEnd.length) {
      const bigger = new Uint32Array(Math.max(tick + 1, this.tickEnd.length * 2));
      bigger.set(this.tickEnd);
      this.tickEnd = bigger;
    }
    this.tickEnd[tick] = this.length;
    this.ticks = tick + 1;
  }

  onReset(): void {
    this.length = 0;
    this.ticks = 0;
  }

  /** Hands the logged ticks to `listeners` as ticks base, base + 1, … (every tick, spikes or not). */
  replay(listeners: readonly SpikeListener[], base: number): void {
    let start = 0;
    for (let t = 0; t < this.ticks; t++) {
      const end = this.tickEnd[t]!;
      const n = end - start;
      for (let k = 0; k < n; k++) this.scratch[k] = this.ids[start + k]!;
      for (let l = 0; l < listeners.length; l++) listeners[l]!.onSpikes(base + t, this.scratch, n);
      start = end;
    }
  }
}
