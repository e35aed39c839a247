/**
 * COBA: the conductance-based benchmark of Brette et al. 2007 (Benchmark 1,
 * after Vogels & Abbott 2005) with CUBA's structure: 4000 neurons (80 %
 * excitatory), p = 0.02 (fan-in 80 kept when scaled), IF_cond_exp with
 * C = 200 pF, gL = 10 nS (τm = 20 ms), El = Vr = −60 mV, Vt = −50 mV,
 * refractory 5 ms, Ee = 0 mV, Ei = −80 mV, τe = 5 ms, τi = 10 ms, ΔgE = 6 nS,
 * ΔgI = 67 nS, v(0) uniform in [Vr, Vt]. As in the Brian2 benchmark version
 * of COBA (dv/dt = (ge(Ee − v) + gi(Ei − v) − (v − El) + I)/τm with I = 20 mV),
 * a constant drive keeps the network active without an initial stimulus:
 * 20 mV × gL = 0.2 nA of iOffset (Brette et al. instead kick it for 50 ms).
 */
import type { NetworkSpec } from '../network/spec.ts';
import { type VogelsAbbottOptions, vogelsAbbott } from './vogels-abbott.ts';

export type CobaOptions = VogelsAbbottOptions;

export function coba(opts: CobaOptions = {}): NetworkSpec {
  const params = {
    cm: 0.2,
    tauM: 20,
    tauSynE: 5,
    tauSynI: 10,
    tauRefrac: 5,
    vRest: -60,
    vReset: -60,
    vThresh: -50,
    eRevE: 0,
    eRevI: -80,
    iOffset: 0.2,
  };
  return vogelsAbbott(
    'coba',
    'IF_cond_exp',
    params,
    { excitatory: 0.006, inhibitory: 0.067 },
    opts,
  );
}
