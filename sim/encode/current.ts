/**
 * Analog (constant-current) input coding: each input value becomes a constant
 * current into a non-leaky integrate-and-fire input neuron. With θ = 1 mV,
 * cm = 1 nF and dt = 1 ms a current of x nA adds x mV per tick, so the neuron
 * fires x spikes per tick on average (regularly, with reset by subtraction):
 * the deterministic rate code of Rueckauer et al. 2017 (Front. Neurosci.
 * 11:682), where the input layer receives the analog values as currents.
 */

/** Currents (nA) x·gain, written into `out`; values ≤ 0 give 0 (a silent input). */
export function currentInput(
  x: ArrayLike<number>,
  gain = 1,
  out: Float32Array = new Float32Array(x.length),
): Float32Array {
  for (let i = 0; i < x.length; i++) {
    out[i] = Math.max(0, x[i]! * gain);
  }
  return out;
}
