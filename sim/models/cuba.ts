/**
 * CUBA: the current-based benchmark of Brette et al. 2007 (Benchmark 2, after
 * Vogels & Abbott 2005) as in Brian2's CUBA example (GUIDE §4.1).
 *
 * Brian2 writes dv/dt = (ge + gi − (v − El))/τm with ge, gi in mV jumping by
 * we = 1.62 mV, wi = −9 mV and decaying with τe, τi. That is IF_curr_exp with
 * iSyn = ge·cm/τm: with cm = 1 nF and τm = 20 ms a jump of w mV in ge is a
 * current jump of w/20 nA, so we = 0.081 nA and wi = −0.45 nA, exactly.
 *
 * Brian2 applies a spike to its targets in the tick it is emitted; here the
 * minimum delay is one tick (GUIDE §4.1: changes the rate by well under 1 %).
 * Scaling with n keeps the fan-in at 80 (p = 0.02 · 4000 / n).
 */
import type { NetworkSpec } from '../network/spec.ts';

export interface CubaOptions {
  /** Total neurons, 80 % excitatory (default 4000). */
  n?: number;
  dt?: number;
  seed?: number;
}

const TAU_M = 20; // ms
const CM = 1; // nF: weights in nA are mV · cm / τm
export const CUBA_WE_MV = (60 * 0.27) / 10; // 1.62 mV
export const CUBA_WI_MV = (-20 * 4.5) / 10; // −9 mV

export function cuba(opts: CubaOptions = {}): NetworkSpec {
  const n = opts.n ?? 4000;
  const dt = opts.dt ?? 0.1;
  const nE = Math.round(0.8 * n);
  const p = Math.min(1, (0.02 * 4000) / n);
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
  const initial = { v: { distribution: 'uniform' as const, low: -60, high: -50 } };
  const pop = (label: string, size: number) => ({
    label,
    size,
    model: 'IF_curr_exp' as const,
    params,
    initial,
  });
  const proj = (pre: string, post: string, w: number, receptor: 'excitatory' | 'inhibitory') => ({
    pre,
    post,
    connector: { type: 'fixedProbability' as const, p },
    weight: (w * CM) / TAU_M,
    delay: dt,
    receptor,
  });
  return {
    schemaVersion: 1,
    dt,
    seed: opts.seed ?? 1,
    populations: [pop('exc', nE), pop('inh', n - nE)],
    projections: [
      proj('exc', 'exc', CUBA_WE_MV, 'excitatory'),
      proj('exc', 'inh', CUBA_WE_MV, 'excitatory'),
      proj('inh', 'exc', CUBA_WI_MV, 'inhibitory'),
      proj('inh', 'inh', CUBA_WI_MV, 'inhibitory'),
    ],
    meta: { model: 'cuba', n },
  };
}
