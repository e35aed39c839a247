/**
 * Records every spike (tick, global id) into growable typed arrays, up to a
 * cap: the raster of a very long run keeps its first `cap` spikes and says
 * so, instead of exhausting the tab's memory. Counts stay exact elsewhere.
 */
import type { SpikeListener } from '../../sim/engine/listener.ts';

/** 20 M spikes: 160 MB of ticks and ids. */
export const DEFAULT_SPIKE_CAP = 20_000_000;

export class SpikeRecorder implements SpikeListener {
  private ticks = new Uint32Array(65536);
  private ids = new Uint32Array(65536);
  length = 0;
  /** Spikes seen, recorded or not. */
  seen = 0;

  constructor(readonly cap = DEFAULT_SPIKE_CAP) {}

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    this.seen += count;
    const n = Math.min(count, this.cap - this.length);
    if (n <= 0) return;
    if (this.length + n > this.ticks.length) this.grow(this.length + n);
    const t = this.ticks;
    const out = this.ids;
    let at = this.length;
    for (let k = 0; k < n; k++) {
      t[at] = tick;
      out[at++] = ids[k]!;
    }
    this.length = at;
  }

  onReset(): void {
    this.length = 0;
    this.seen = 0;
  }

  get truncated(): boolean {
    return this.seen > this.length;
  }

  /** Exact-length copies (their buffers are the ones to transfer). */
  take(): { ticks: Uint32Array; ids: Uint32Array } {
    return { ticks: this.ticks.slice(0, this.length), ids: this.ids.slice(0, this.length) };
  }

  private grow(min: number): void {
    let size = this.ticks.length;
    while (size < min) size *= 2;
    size = Math.min(size, Math.max(min, this.cap));
    const t = new Uint32Array(size);
    const i = new Uint32Array(size);
    t.set(this.ticks.subarray(0, this.length));
    i.set(this.ids.subarray(0, this.length));
    this.ticks = t;
    this.ids = i;
  }
}
