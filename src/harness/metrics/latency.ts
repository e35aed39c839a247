/**
 * Latency read from the accuracy-versus-time curve and the per-sample
 * predictions:
 * - settle: per sample, the first tick (1-based) from which the predicted
 *   class no longer changes until the end of the run; summarised by mean,
 *   median, 95th percentile (linear interpolation) and maximum;
 * - withinOnePercent: the first tick from which accuracy stays at or above
 *   99 % of its value after the last tick.
 */
import { percentileOf } from '../convert/normalise.ts';

export interface Latency {
  settle: { mean: number; median: number; p95: number; max: number };
  withinOnePercent: number;
}

export function latencyOf(accuracyByTick: ArrayLike<number>, settleTicks: Int32Array): Latency {
  const T = accuracyByTick.length;
  const final = T > 0 ? accuracyByTick[T - 1]! : 0;
  let within = T;
  while (within > 1 && accuracyByTick[within - 2]! >= 0.99 * final) within--;
  const sorted = Float32Array.from(settleTicks);
  let sum = 0;
  let max = 0;
  for (const v of settleTicks) {
    sum += v;
    max = Math.max(max, v);
  }
  return {
    settle: {
      mean: settleTicks.length > 0 ? sum / settleTicks.length : 0,
      median: percentileOf(sorted, 50),
      p95: percentileOf(sorted, 95),
      max,
    },
    withinOnePercent: T === 0 ? 0 : within,
  };
}
