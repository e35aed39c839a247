/**
 * The Brunel network (Brunel 2000, J. Comput. Neurosci. 8:183) as NEST's
 * brunel_delta_nest example:
 * NE = 10,000, NI = 2,500 IF_curr_delta neurons, fixed in-degree CE = 1000,
 * CI = 250 (multapses and autapses allowed), J = 0.1 mV, g = 5, delay 1.5 ms,
 * θ = 20 mV, τm = 20 ms, t_ref = 2 ms, V_reset = E_L = V(0) = 0 mV; input
 * arriving during the refractory period is discarded. External drive: an
 * independent Poisson train per neuron at ν_ext·CE = η·θ/(J·τm) = 20 kHz of
 * J kicks (η = 2), drawn as one Poisson count per neuron per tick.
 *
 * `scale` multiplies NE, NI, CE and CI together, and J is divided by the
 * factor on CE: the mean recurrent input J·CE·ν and the balance g·CI/CE =
 * 1.25 stay as at scale 1, while the external drive (set by θ and η alone,
 * kicks of J at scale 1) is unchanged.
 * `fanInScale` (default: scale) sets CE and CI apart from the population
 * sizes, e.g. 100,000 neurons with 1,000 synapses each (scale 8, fanInScale 0.8).
 */
import type { NetworkSpec } from '../network/spec.ts';

export interface BrunelOptions {
  scale?: number;
  /** Factor on CE and CI (default: scale). */
  fanInScale?: number;
  dt?: number;
  seed?: number;
  /** V_reset in mV (0 in NEST's example; 10 mV as in Brunel's Fig. 8). */
  vReset?: number;
  eta?: number;
  g?: number;
}

export function brunel(opts: BrunelOptions = {}): NetworkSpec {
  const scale = opts.scale ?? 1;
  const dt = opts.dt ?? 0.1;
  const eta = opts.eta ?? 2;
  const g = opts.g ?? 5;
  const nE = Math.max(1, Math.round(10_000 * scale));
  const nI = Math.max(1, Math.round(2_500 * scale));
  const fanIn = opts.fanInScale ?? scale;
  const cE = Math.max(1, Math.round(1000 * fanIn));
  const cI = Math.max(1, Math.round(250 * fanIn));
  const J = (0.1 * 1000) / cE;
  const theta = 20;
  const tauM = 20;
  // ν_th = θ/(J·CE·τm); the external rate per neuron is η·ν_th·CE = η·θ/(J·τm) with J at scale 1
  const nuExtHz = ((eta * theta) / (0.1 * tauM)) * 1000;
  const params = { cm: 1, tauM, tauRefrac: 2, vRest: 0, vReset: opts.vReset ?? 0, vThresh: theta };
  const pop = (label: string, size: number) => ({
    label,
    size,
    model: 'IF_curr_delta' as const,
    params,
    poissonInput: [{ rateHz: nuExtHz, weight: 0.1, receptor: 'excitatory' as const }],
  });
  const proj = (
    pre: string,
    post: string,
    n: number,
    w: number,
    receptor: 'excitatory' | 'inhibitory',
  ) => ({
    pre,
    post,
    connector: { type: 'fixedNumberPre' as const, n },
    weight: w,
    delay: 1.5,
    receptor,
  });
  return {
    schemaVersion: 1,
    dt,
    seed: opts.seed ?? 1,
    populations: [pop('exc', nE), pop('inh', nI)],
    projections: [
      proj('exc', 'exc', cE, J, 'excitatory'),
      proj('exc', 'inh', cE, J, 'excitatory'),
      proj('inh', 'exc', cI, -g * J, 'inhibitory'),
      proj('inh', 'inh', cI, -g * J, 'inhibitory'),
    ],
    meta: { model: 'brunel', scale, fanInScale: fanIn, eta, g, vReset: params.vReset },
  };
}
