/**
 * Non-leaky integrate-and-fire neuron with reset by subtraction: the neuron
 * of ANN-to-SNN conversion (Rueckauer et al. 2017, Front. Neurosci. 11:682).
 *
 *   cm dv/dt = iOffset,   v += w on an input spike (delta synapses, w in mV)
 *   on v ≥ vThresh: spike, v ← v − (vThresh − vReset)
 *
 * Subtracting instead of resetting keeps the charge above threshold, so the
 * rate over T ticks approximates the ReLU activation with an error of at most
 * one spike. v is stored as is (vRest is not a parameter: there is no leak);
 * vReset is both the initial value and the zero of the subtraction. At most
 * one spike per tick, as on neuromorphic hardware. Float32 arithmetic in a
 * fixed order, bit-identical to the WebAssembly SIMD kernel.
 */
import { cm, iOffset, resetBelowThreshold, tauRefrac, vReset, vThresh } from './params.ts';
import { type NeuronModel, type NeuronState, ticksOf } from './types.ts';

const H_OVER_CM = 0;
const THETA = 1;
const STEP = 2; // vThresh − vReset
const REF_TICKS = 3;

export const ifNonleaky: NeuronModel = {
  name: 'IF_nonleaky',
  doc: 'Non-leaky integrate-and-fire, delta synapses, reset by subtraction (ANN-to-SNN conversion)',
  params: {
    cm,
    tauRefrac: { ...tauRefrac, default: 0 },
    vReset: { ...vReset, default: 0, doc: 'initial potential; a spike subtracts vThresh − vReset' },
    vThresh: { ...vThresh, default: 1 },
    iOffset: { ...iOffset, doc: 'constant injected current (the converted input)' },
  },
  stateVars: [{ name: 'v', unit: 'mV' }],
  receptorBuffers: 1,
  weightUnit: 'mV',
  nonNegativeWeights: false,
  check: resetBelowThreshold,
  refractoryTicks: (p, dt) => ticksOf(p.tauRefrac!, dt),
  prepare(p, h) {
    const c = new Float64Array(4);
    c[H_OVER_CM] = h / p.cm!;
    c[THETA] = p.vThresh!;
    c[STEP] = p.vThresh! - p.vReset!;
    c[REF_TICKS] = ticksOf(p.tauRefrac!, h);
    return c;
  },
  update: updateIfNonleaky,
};

export function updateIfNonleaky(
  s: NeuronState,
  c: Float64Array,
  input: Float32Array,
  _inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
): number {
  // Two call sites with a constant flag: V8 inlines `integrate` into each and
  // folds it away, so homogeneous populations keep their constants in registers.
  return s.constStride === 0
    ? integrate(s, c, input, _inI, spikes, count, idOffset, false)
    : integrate(s, c, input, _inI, spikes, count, idOffset, true);
}

const f = Math.fround;

function integrate(
  s: NeuronState,
  c: Float64Array,
  input: Float32Array,
  _inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
  perNeuron: boolean,
): number {
  const v = s.vars[0]!;
  const ref = s.refractory;
  const iOff = s.iOffset;
  let hOverCm = f(c[H_OVER_CM]!);
  let theta = f(c[THETA]!);
  let step = f(c[STEP]!);
  let refTicks = c[REF_TICKS]!;
  const n = s.n;
  const stride = s.constStride;
  for (let i = 0; i < n; i++) {
    if (perNeuron) {
      const b = i * stride;
      hOverCm = f(c[b + H_OVER_CM]!);
      theta = f(c[b + THETA]!);
      step = f(c[b + STEP]!);
      refTicks = c[b + REF_TICKS]!;
    }
    const r = ref[i]!;
    if (r > 0) {
      ref[i] = r - 1; // input arriving now is discarded
      continue;
    }
    let vi = f(f(v[i]! + f(hOverCm * iOff[i]!)) + input[i]!);
    if (vi >= theta) {
      vi = f(vi - step);
      ref[i] = refTicks;
      spikes[count++] = idOffset + i;
    }
    v[i] = vi;
  }
  input.fill(0);
  return count;
}
