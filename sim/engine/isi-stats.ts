/**
 * Firing statistics in O(neurons) memory, accumulated as spikes arrive: spike
 * counts and inter-spike-interval sums per neuron. Gives the mean rate (per
 * population and overall) and the CV of ISIs as Brian2/NEST users compute it:
 * the mean over neurons with at least two ISIs of std/mean of their ISIs
 * (population standard deviation of each neuron's intervals).
 */
import type { Network } from '../network/network.ts';
import type { SpikeListener } from './listener.ts';

export interface FiringStats {
  spikes: number;
  meanRateHz: number;
  cvIsi: number;
  /** Neurons with ≥ 2 ISIs that entered the CV. */
  cvNeurons: number;
  silentFraction: number;
}

export class IsiStats implements SpikeListener {
  private readonly count: Uint32Array;
  private readonly last: Float64Array; // ticks may pass 2^31 in long runs at small dt
  private readonly sum: Float64Array;
  private readonly sumSq: Float64Array;
  private ticks = 0;

  constructor(private readonly net: Network) {
    const n = net.size;
    this.count = new Uint32Array(n);
    this.last = new Float64Array(n);
    this.sum = new Float64Array(n);
    this.sumSq = new Float64Array(n);
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    this.ticks = tick + 1;
    for (let k = 0; k < count; k++) {
      const i = ids[k]!;
      if (this.count[i]! > 0) {
        const isi = tick - this.last[i]!;
        this.sum[i]! += isi;
        this.sumSq[i]! += isi * isi;
      }
      this.last[i] = tick;
      this.count[i]!++;
    }
  }

  onReset(): void {
    this.count.fill(0);
    this.sum.fill(0);
    this.sumSq.fill(0);
    this.ticks = 0;
  }

  /** Statistics of global ids [from, to) over `durationMs` (default: the ticks seen so far). */
  range(from: number, to: number, durationMs = this.ticks * this.net.dt): FiringStats {
    let spikes = 0;
    let silent = 0;
    let cvSum = 0;
    let cvN = 0;
    for (let i = from; i < to; i++) {
      const c = this.count[i]!;
      spikes += c;
      if (c === 0) silent++;
      if (c >= 3) {
        const m = c - 1;
        const mean = this.sum[i]! / m;
        const variance = Math.max(0, this.sumSq[i]! / m - mean * mean);
        cvSum += Math.sqrt(variance) / mean;
        cvN++;
      }
    }
    const n = to - from;
    return {
      spikes,
      meanRateHz: durationMs > 0 ? spikes / n / (durationMs / 1000) : 0,
      cvIsi: cvN > 0 ? cvSum / cvN : Number.NaN,
      cvNeurons: cvN,
      silentFraction: silent / n,
    };
  }

  /** Statistics of population p (index). */
  population(p: number, durationMs?: number): FiringStats {
    const pop = this.net.populations[p]!;
    return this.range(pop.offset, pop.offset + pop.size, durationMs);
  }

  /** Statistics over all neuron populations (sources excluded). */
  neurons(durationMs?: number): FiringStats {
    let spikes = 0;
    let n = 0;
    let cvW = 0;
    let cvN = 0;
    let silent = 0;
    let dur = 0;
    this.net.populations.forEach((pop, p) => {
      if (pop.kind !== 'neuron') return;
      const s = this.population(p, durationMs);
      dur = durationMs ?? this.ticks * this.net.dt;
      spikes += s.spikes;
      n += pop.size;
      silent += s.silentFraction * pop.size;
      if (s.cvNeurons > 0) {
        cvW += s.cvIsi * s.cvNeurons;
        cvN += s.cvNeurons;
      }
    });
    return {
      spikes,
      meanRateHz: n > 0 && dur > 0 ? spikes / n / (dur / 1000) : 0,
      cvIsi: cvN > 0 ? cvW / cvN : Number.NaN,
      cvNeurons: cvN,
      silentFraction: n > 0 ? silent / n : 0,
    };
  }
}
