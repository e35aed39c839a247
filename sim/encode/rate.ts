/**
 * Poisson rate coding: input value x ∈ [0, 1] becomes a Poisson spike train
 * of rate x·maxRateHz (values above 1 saturate, values ≤ 0 are silent), the
 * input of Diehl et al. 2015 (IJCNN). Drawn by the engine's
 * SpikeSourcePoisson (one Bernoulli(rate·dt) per source per tick).
 */
import { invalid } from '../../src/core/errors.ts';

/** Rates (Hz) for `x` scaled by `gain`, clipped to [0, maxRateHz], written into `out`. */
export function poissonRates(
  x: ArrayLike<number>,
  maxRateHz: number,
  gain = 1,
  out: Float32Array = new Float32Array(x.length),
): Float32Array {
  if (!(Number.isFinite(maxRateHz) && maxRateHz > 0))
    throw invalid('maxRateHz', maxRateHz, 'a finite rate > 0 (Hz)');
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! * gain;
    out[i] = v <= 0 ? 0 : v >= 1 ? maxRateHz : v * maxRateHz;
  }
  return out;
}
