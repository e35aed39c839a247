/**
 * Spike trains of a static sample over T ticks, written as 0/1 into a
 * tick-major buffer (value j of tick t at out[t·stride + j]): what a
 * directly trained network sees and what a SpikeSourceArray replays.
 *
 *   rate     Bernoulli(clip(x·gain, 0, 1)) per tick (snnTorch spikegen.rate)
 *   latency  one spike at tick round((1 − x·gain)·(T − 1)), none for x ≤ 0
 *            (snnTorch spikegen.latency with linear=True)
 *   delta    send-on-delta coding of the sample presented as a ramp
 *            x·(t + 1)/T: a spike each time the ramp crosses another
 *            multiple of `threshold`, so x/threshold spikes spread evenly
 *            in time (a deterministic rate code)
 *   events   the values are spike ticks themselves (Randman): one spike at
 *            tick x when 0 ≤ x < T
 */
import { invalid } from '../../src/core/errors.ts';
import type { Rng } from '../../src/core/rng.ts';
import { latencyTicks } from './latency.ts';

export const TRAIN_ENCODINGS = ['rate', 'latency', 'delta', 'events'] as const;
export type TrainEncoding = (typeof TRAIN_ENCODINGS)[number];

export interface TrainParams {
  readonly encoding: TrainEncoding;
  readonly ticks: number;
  /** rate, latency, delta: multiplies each value first. */
  readonly gain: number;
  /** delta: the step between two spikes of the ramp. */
  readonly threshold: number;
}

export function checkTrainParams(p: TrainParams): void {
  if (!(Number.isInteger(p.ticks) && p.ticks >= 1))
    throw invalid('ticks', p.ticks, 'an integer ≥ 1');
  if (!(Number.isFinite(p.gain) && p.gain > 0))
    throw invalid('gain', p.gain, 'a finite number > 0');
  if (!(p.threshold > 0 && p.threshold <= 1))
    throw invalid('threshold', p.threshold, 'a number in (0, 1]');
}

/** Writes the train of sample `x` (F values) into out[t·stride + offset + j]; rng only for rate. */
export function encodeTrain(
  p: TrainParams,
  x: ArrayLike<number>,
  out: Float32Array | Float64Array,
  stride: number,
  offset: number,
  rng: Rng,
  scratch: Int32Array = new Int32Array(x.length),
): void {
  const F = x.length;
  const T = p.ticks;
  for (let t = 0; t < T; t++) out.fill(0, t * stride + offset, t * stride + offset + F);
  switch (p.encoding) {
    case 'rate':
      for (let t = 0; t < T; t++)
        for (let j = 0; j < F; j++) {
          const q = x[j]! * p.gain;
          if (q > 0 && rng.uniform() < q) out[t * stride + offset + j] = 1;
        }
      return;
    case 'latency': {
      const ticks = latencyTicks(x, T, p.gain, scratch);
      for (let j = 0; j < F; j++) if (ticks[j]! >= 0) out[ticks[j]! * stride + offset + j] = 1;
      return;
    }
    case 'delta':
      for (let j = 0; j < F; j++) {
        const v = Math.max(0, x[j]! * p.gain);
        let level = 0;
        for (let t = 0; t < T; t++) {
          const now = Math.floor((v * (t + 1)) / T / p.threshold + 1e-9);
          if (now > level) {
            out[t * stride + offset + j] = 1;
            level = now;
          }
        }
      }
      return;
    case 'events':
      for (let j = 0; j < F; j++) {
        const t = x[j]!;
        if (Number.isInteger(t) && t >= 0 && t < T) out[t * stride + offset + j] = 1;
      }
      return;
  }
}

/** The spike ticks of each input of a train written by encodeTrain (for a SpikeSourceArray). */
export function trainTicks(
  out: ArrayLike<number>,
  ticks: number,
  stride: number,
  offset: number,
  features: number,
): number[][] {
  const times: number[][] = Array.from({ length: features }, () => []);
  for (let t = 0; t < ticks; t++)
    for (let j = 0; j < features; j++) if (out[t * stride + offset + j] !== 0) times[j]!.push(t);
  return times;
}
