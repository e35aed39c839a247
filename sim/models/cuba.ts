/**
 * CUBA: the current-based benchmark of Brette et al. 2007 (J. Comput.
 * Neurosci. 23:349, Benchmark 2, after Vogels & Abbott 2005) as in Brian2's
 * CUBA example.
 *
 * Brian2 writes dv/dt = (ge + gi − (v − El))/τm with ge, gi in mV jumping by
 * we = 1.62 mV, wi = −9 mV and decaying with τe, τi. That is IF_curr_exp with
 * iSyn = ge·cm/τm: with cm = 1 nF and τm = 20 ms a jump of w mV in ge is a
 * current jump of w/20 nA, so we = 0.081 nA and wi = −0.45 nA, exactly.
 *
 * Brian2 applies a spike to its targets in the tick it is emitted; here the
 * minimum delay is one tick. The mean rate stays within the seed-to-seed
 * spread of Brian2's on the same definition (bench/brian2/cuba.py; the
 * figures are in test/sim/models/reference-networks.test.ts).
 * Scaling with n keeps the fan-in at 80 (p = 0.02 · 4000 / n).
 */
import type { NetworkSpec } from '../network/spec.ts';
import { type VogelsAbbottOptions, vogelsAbbott } from './vogels-abbott.ts';

export type CubaOptions = VogelsAbbottOptions;

const TAU_M = 20; // ms
const CM = 1; // nF: weights in nA are mV · cm / τm
export const CUBA_WE_MV = (60 * 0.27) / 10; // 1.62 mV
export const CUBA_WI_MV = (-20 * 4.5) / 10; // −9 mV

export function cuba(opts: CubaOptions = {}): NetworkSpec {
  const params = {
    cm: CM,
    tauM: TAU_M,
    tauSynE: 5,
    tauSynI: 10,
    tauRefrac: 5,
    vRest: -49,
    vReset: -60,
    vThresh: -50,
  };
  const weights = { excitatory: (CUBA_WE_MV * CM) / TAU_M, inhibitory: (CUBA_WI_MV * CM) / TAU_M };
  return vogelsAbbott('cuba', 'IF_curr_exp', params, weights, opts);
}
