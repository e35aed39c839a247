/**
 * Leaky integrate-and-fire neuron with exponentially decaying excitatory and
 * inhibitory synaptic currents: PyNN's IF_curr_exp, NEST's iaf_psc_exp.
 *
 *   cm dv/dt = cm (vRest − v)/tauM + iSynE + iSynI + iOffset
 *   diSynX/dt = −iSynX / tauSynX,   a spike adds its weight (nA) to iSynX
 *
 * Integrated exactly over each tick with precomputed propagators (see
 * propagators.ts). The order within a tick is NEST's: propagate v with the
 * currents at the start of the tick, then decay the currents and add the
 * input arriving in this tick, then test the threshold. While refractory, v
 * stays at vReset and the currents keep decaying and receiving input.
 *
 * Arithmetic is float32, one rounding per operation in a fixed order, so
 * this kernel and the WebAssembly SIMD kernel (sim/wasm/neurons.wat) give
 * bit-identical results: the TypeScript kernel is the oracle of the fast one
 * and the fallback where WebAssembly SIMD is missing.
 */

import { leakyMembrane, resetBelowThreshold, synapseTaus } from './params.ts';
import { decayed, p20, p21 } from './propagators.ts';
import { type NeuronModel, type NeuronState, ticksOf } from './types.ts';

// Indices into the constants array (the WebAssembly backend copies them, as
// float32, in this order).
const D22 = 0; // 1 − e^(−h/τm)
const P21E = 1;
const P21I = 2;
const P20 = 3;
const D11E = 4; // 1 − e^(−h/τsE)
const D11I = 5;
const THETA = 6; // vThresh − vRest
const RESET = 7; // vReset − vRest
const REF_TICKS = 8;

export const ifCurrExp: NeuronModel = {
  name: 'IF_curr_exp',
  doc: 'Leaky integrate-and-fire, exponential current synapses (PyNN IF_curr_exp, NEST iaf_psc_exp)',
  params: { ...leakyMembrane, ...synapseTaus('current') },
  stateVars: [
    { name: 'v', unit: 'mV' },
    { name: 'iSynE', unit: 'nA' },
    { name: 'iSynI', unit: 'nA' },
  ],
  receptorBuffers: 2,
  inputVars: [1, 2],
  weightUnit: 'nA',
  nonNegativeWeights: false,
  check: resetBelowThreshold,
  refractoryTicks: (p, dt) => ticksOf(p.tauRefrac!, dt),
  prepare(p, h) {
    const c = new Float64Array(9);
    c[D22] = decayed(h, p.tauM!);
    c[P21E] = p21(h, p.tauM!, p.tauSynE!, p.cm!);
    c[P21I] = p21(h, p.tauM!, p.tauSynI!, p.cm!);
    c[P20] = p20(h, p.tauM!, p.cm!);
    c[D11E] = decayed(h, p.tauSynE!);
    c[D11I] = decayed(h, p.tauSynI!);
    c[THETA] = p.vThresh! - p.vRest!;
    c[RESET] = p.vReset! - p.vRest!;
    c[REF_TICKS] = ticksOf(p.tauRefrac!, h);
    return c;
  },
  update: updateIfCurrExp,
};

export function updateIfCurrExp(
  s: NeuronState,
  c: Float64Array,
  inE: Float32Array,
  inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
): number {
  // Call sites with constant flags: V8 inlines `integrate` into each and folds
  // the flags away, so homogeneous populations keep their constants in
  // registers and those without offset current skip its load (faster for
  // CUBA: `npm run bench:kernels`).
  if (s.constStride !== 0) return integrate(s, c, inE, inI, spikes, count, idOffset, true, true);
  return s.hasOffset
    ? integrate(s, c, inE, inI, spikes, count, idOffset, true, false)
    : integrate(s, c, inE, inI, spikes, count, idOffset, false, false);
}

const f = Math.fround;

function integrate(
  s: NeuronState,
  c: Float64Array,
  inE: Float32Array,
  inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
  withOffset: boolean,
  perNeuron: boolean,
): number {
  const v = s.vars[0]!;
  const iE = s.vars[1]!;
  const iI = s.vars[2]!;
  const ref = s.refractory;
  const iOff = s.iOffset;
  const stride = s.constStride;
  let d22 = f(c[D22]!);
  let p21e = f(c[P21E]!);
  let p21i = f(c[P21I]!);
  let p20 = f(c[P20]!);
  let d11e = f(c[D11E]!);
  let d11i = f(c[D11I]!);
  let theta = f(c[THETA]!);
  let reset = f(c[RESET]!);
  let refTicks = c[REF_TICKS]!;
  const n = s.n;
  // Branch-light form: v is propagated for every neuron and overwritten with
  // the reset value while refractory (where it already sits), which is what
  // NEST's "if r == 0 propagate" gives.
  for (let i = 0; i < n; i++) {
    if (perNeuron) {
      const b = i * stride;
      d22 = f(c[b + D22]!);
      p21e = f(c[b + P21E]!);
      p21i = f(c[b + P21I]!);
      p20 = f(c[b + P20]!);
      d11e = f(c[b + D11E]!);
      d11i = f(c[b + D11I]!);
      theta = f(c[b + THETA]!);
      reset = f(c[b + RESET]!);
      refTicks = c[b + REF_TICKS]!;
    }
    const vo = v[i]!;
    const ie = iE[i]!;
    const ii = iI[i]!;
    const r = ref[i]!;
    // ((v − d22·v) + p21e·iE) + p21i·iI [+ p20·iOffset], each step rounded to float32
    let vi = f(f(f(vo - f(d22 * vo)) + f(p21e * ie)) + f(p21i * ii));
    if (withOffset) vi = f(vi + f(p20 * iOff[i]!));
    // the stores round the last addition
    iE[i] = f(ie - f(d11e * ie)) + inE[i]!;
    iI[i] = f(ii - f(d11i * ii)) + inI[i]!;
    if (r > 0) {
      ref[i] = r - 1;
      vi = reset;
    } else if (vi >= theta) {
      vi = reset;
      ref[i] = refTicks;
      spikes[count++] = idOffset + i;
    }
    v[i] = vi;
  }
  inE.fill(0);
  inI.fill(0);
  return count;
}
