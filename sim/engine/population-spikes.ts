/**
 * Spikes per population from a given tick on: the rates of a benchmark
 * recipe that discards a warm-up (Senk et al.: the microcircuit's first
 * 500 ms), without recording a single spike.
 */
import type { SpikeListener } from './listener.ts';

export class PopulationSpikes implements SpikeListener {
  /** Spikes of each population since `fromTick`. */
  readonly counts: Float64Array;
  private readonly populationOf: Uint8Array | Uint16Array;

  constructor(
    readonly sizes: readonly number[],
    readonly fromTick: number,
  ) {
    const total = sizes.reduce((a, b) => a + b, 0);
    this.populationOf = sizes.length <= 256 ? new Uint8Array(total) : new Uint16Array(total);
    let at = 0;
    sizes.forEach((n, i) => {
      this.populationOf.fill(i, at, at + n);
      at += n;
    });
    this.counts = new Float64Array(sizes.length);
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    if (tick < this.fromTick) return;
    const of = this.populationOf;
    for (let k = 0; k < count; k++) this.counts[of[ids[k]!]!]!++;
  }

  onReset(): void {
    this.counts.fill(0);
  }

  /** Mean rate (spikes/s) of each population over `seconds` counted. */
  rates(seconds: number): number[] {
    return this.sizes.map((n, i) => this.counts[i]! / n / seconds);
  }
}
