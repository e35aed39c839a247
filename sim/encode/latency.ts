/**
 * Time-to-first-spike (latency) coding: each input fires once, the larger
 * the value the earlier — tick round((1 − x)·(window − 1)) for x ∈ (0, 1]
 * (values above 1 fire at tick 0); inputs ≤ 0 never fire (Thorpe et al.
 * 2001; Rueckauer & Liu 2018, ISCAS).
 *
 * `latencyCurrents` realises a set of first-spike ticks with non-leaky
 * integrate-and-fire input neurons that are refractory after their first
 * spike: a constant current c = 1/(t + ½) (θ = 1 mV, cm = 1 nF, dt = 1 ms)
 * first crosses threshold in update t + 1, i.e. in tick t, since t·c < 1 ≤
 * (t + 1)·c with a margin of ½c on both sides, far above float32 rounding.
 * One network then serves every sample (only the currents change), which a
 * spike-source array, fixed when the network is built, could not.
 */
import { invalid } from '../../src/core/errors.ts';

/** No spike. */
export const NO_SPIKE = -1;

/** First-spike tick per input (NO_SPIKE for values ≤ 0), written into `out`. */
export function latencyTicks(
  x: ArrayLike<number>,
  windowTicks: number,
  gain = 1,
  out: Int32Array = new Int32Array(x.length),
): Int32Array {
  if (!(Number.isInteger(windowTicks) && windowTicks >= 1))
    throw invalid('windowTicks', windowTicks, 'an integer ≥ 1');
  for (let i = 0; i < x.length; i++) {
    const v = x[i]! * gain;
    out[i] = v <= 0 ? NO_SPIKE : v >= 1 ? 0 : Math.round((1 - v) * (windowTicks - 1));
  }
  return out;
}

/** Constant currents (nA) making one-shot IF neurons (θ 1 mV, cm 1 nF, dt 1 ms) fire first in the given ticks. */
export function latencyCurrents(
  ticks: ArrayLike<number>,
  out: Float32Array = new Float32Array(ticks.length),
): Float32Array {
  for (let i = 0; i < ticks.length; i++) {
    const t = ticks[i]!;
    out[i] = t < 0 ? 0 : 1 / (t + 0.5);
  }
  return out;
}
