/**
 * Leaky integrate-and-fire neuron with exponentially decaying conductances
 * (PyNN IF_cond_exp; the COBA benchmark of Brette et al. 2007):
 *
 *   cm dv/dt = gL (vRest − v) + gE (eRevE − v) + gI (eRevI − v) + iOffset,
 *   gL = cm/tauM,   dgX/dt = −gX/tauSynX,   a spike adds its weight (µS) to gX
 *
 * Integration scheme: the conductances decay exactly. Within a tick v obeys a
 * linear equation whose coefficients depend on gE(t), gI(t); we freeze each
 * conductance at its exact mean over the tick (ḡ = g·(τ/h)(1 − e^(−h/τ))) and
 * solve that equation exactly:
 *
 *   v ← v∞ + (v − v∞) e^(−h·gTot/cm),   gTot = gL + ḡE + ḡI,
 *   v∞ = (gL vRest + ḡE eRevE + ḡI eRevI + iOffset) / gTot
 *
 * This is Brian2's exponential Euler (the scheme its COBA example uses) with
 * the step-mean instead of the step-start conductance: unconditionally stable
 * (v stays between the reversal potentials at any dt), exact when the
 * conductances are constant, and first order in h·|dg/dt|/gTot otherwise.
 * Tick order and refractoriness as in IF_curr_exp.
 */

import { leakyMembrane, resetBelowThreshold, synapseTaus, vRest } from './params.ts';
import { decay } from './propagators.ts';
import { type NeuronModel, type NeuronState, ticksOf } from './types.ts';

const GL = 0;
const MEAN_E = 1; // ḡE / gE at the start of the tick
const MEAN_I = 2;
const P11E = 3;
const P11I = 4;
const E_E = 5; // eRevE − vRest
const E_I = 6;
const H_OVER_CM = 7;
const THETA = 8;
const RESET = 9;
const REF_TICKS = 10;

function stepMean(h: number, tau: number): number {
  return (-tau / h) * Math.expm1(-h / tau);
}

export const ifCondExp: NeuronModel = {
  name: 'IF_cond_exp',
  doc: 'Leaky integrate-and-fire, exponential conductance synapses (PyNN IF_cond_exp)',
  params: {
    ...leakyMembrane,
    ...synapseTaus('conductance'),
    vRest: { ...vRest, doc: 'resting (leak reversal) potential' },
    eRevE: { default: 0, unit: 'mV', doc: 'excitatory reversal potential' },
    eRevI: { default: -70, unit: 'mV', doc: 'inhibitory reversal potential' },
  },
  stateVars: [
    { name: 'v', unit: 'mV' },
    { name: 'gE', unit: 'µS' },
    { name: 'gI', unit: 'µS' },
  ],
  receptorBuffers: 2,
  weightUnit: 'µS',
  nonNegativeWeights: true,
  check: resetBelowThreshold,
  refractoryTicks: (p, dt) => ticksOf(p.tauRefrac!, dt),
  prepare(p, h) {
    const c = new Float64Array(11);
    c[GL] = p.cm! / p.tauM!;
    c[MEAN_E] = stepMean(h, p.tauSynE!);
    c[MEAN_I] = stepMean(h, p.tauSynI!);
    c[P11E] = decay(h, p.tauSynE!);
    c[P11I] = decay(h, p.tauSynI!);
    c[E_E] = p.eRevE! - p.vRest!;
    c[E_I] = p.eRevI! - p.vRest!;
    c[H_OVER_CM] = h / p.cm!;
    c[THETA] = p.vThresh! - p.vRest!;
    c[RESET] = p.vReset! - p.vRest!;
    c[REF_TICKS] = ticksOf(p.tauRefrac!, h);
    return c;
  },
  update: updateIfCondExp,
};

export function updateIfCondExp(
  s: NeuronState,
  c: Float64Array,
  inE: Float32Array,
  inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
): number {
  // Two call sites with a constant flag: V8 inlines `integrate` into each and
  // folds it away, so homogeneous populations keep their constants in registers.
  return s.constStride === 0
    ? integrate(s, c, inE, inI, spikes, count, idOffset, false)
    : integrate(s, c, inE, inI, spikes, count, idOffset, true);
}

function integrate(
  s: NeuronState,
  c: Float64Array,
  inE: Float32Array,
  inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
  perNeuron: boolean,
): number {
  const v = s.vars[0]!;
  const gEs = s.vars[1]!;
  const gIs = s.vars[2]!;
  const ref = s.refractory;
  const iOff = s.iOffset;
  let gL = c[GL]!;
  let meanE = c[MEAN_E]!;
  let meanI = c[MEAN_I]!;
  let p11e = c[P11E]!;
  let p11i = c[P11I]!;
  let eE = c[E_E]!;
  let eI = c[E_I]!;
  let hOverCm = c[H_OVER_CM]!;
  let theta = c[THETA]!;
  let reset = c[RESET]!;
  let refTicks = c[REF_TICKS]!;
  const n = s.n;
  const stride = s.constStride;
  for (let i = 0; i < n; i++) {
    if (perNeuron) {
      const b = i * stride;
      gL = c[b + GL]!;
      meanE = c[b + MEAN_E]!;
      meanI = c[b + MEAN_I]!;
      p11e = c[b + P11E]!;
      p11i = c[b + P11I]!;
      eE = c[b + E_E]!;
      eI = c[b + E_I]!;
      hOverCm = c[b + H_OVER_CM]!;
      theta = c[b + THETA]!;
      reset = c[b + RESET]!;
      refTicks = c[b + REF_TICKS]!;
    }
    const ge = gEs[i]!;
    const gi = gIs[i]!;
    const r = ref[i]!;
    gEs[i] = p11e * ge + inE[i]!;
    gIs[i] = p11i * gi + inI[i]!;
    if (r > 0) {
      ref[i] = r - 1;
      continue; // v stays at the reset value
    }
    const gEm = ge * meanE;
    const gIm = gi * meanI;
    const gTot = gL + gEm + gIm;
    const vInf = (gEm * eE + gIm * eI + iOff[i]!) / gTot;
    let vi = vInf + (v[i]! - vInf) * Math.exp(-hOverCm * gTot);
    if (vi >= theta) {
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
