/**
 * The cortical microcircuit of Potjans & Diesmann 2014 (Cereb. Cortex
 * 24:785): 77,169 current-based LIF neurons in eight populations (layers
 * 2/3, 4, 5, 6, excitatory and inhibitory each), about 3·10⁸ synapses, and a
 * Poisson background of 8 Hz per external input. Tables as published and as
 * the reference implementation (INM-6/microcircuit-PD14-model, formerly
 * NEST's microcircuit example) uses them:
 *
 *   - population sizes and connection probabilities: PD14 Table 5;
 *   - synapse numbers by the fixed-total-number rule
 *     K = ln(1 − C)/ln(1 − 1/(N_pre N_post)), multapses and autapses allowed;
 *   - weights: PSP 0.15 mV (L4e → L2/3e doubled), g = −4, turned into PSC
 *     amplitudes for τ_m 10 ms, τ_syn 0.5 ms, C_m 250 pF; normal with a CV of
 *     0.1, redrawn until of the right sign;
 *   - delays: 1.5 ms (excitatory) and 0.75 ms (inhibitory), CV 0.5, redrawn
 *     below half a tick (and above 6 sd);
 *   - external in-degrees K_ext 1600 … 2100 at 8 Hz (Poisson, or the DC
 *     current of its mean);
 *   - initial potentials: the reference's "optimized" per-population normal.
 *
 * `scale` shrinks the populations with in-degrees kept (the synapse count
 * scales with N, so each neuron sees the full network's input statistics).
 * `kScale` shrinks in-degrees too, with weights multiplied by 1/√kScale and
 * the lost mean input restored as DC, as the reference's
 * `adjust_weights_and_input_to_synapse_scaling` does from its full-scale rates.
 */
import { invalid } from '../../src/core/errors.ts';
import type { NetworkSpec, NeuronPopulationSpec, ProjectionSpec } from '../network/spec.ts';

export const MICROCIRCUIT_POPULATIONS = [
  'L23E',
  'L23I',
  'L4E',
  'L4I',
  'L5E',
  'L5I',
  'L6E',
  'L6I',
] as const;

/** Neurons per population at full scale (PD14 Table 5). */
export const FULL_SIZES = [20683, 5834, 21915, 5479, 4850, 1065, 14395, 2948] as const;

/** Connection probabilities, [target][source] (PD14 Table 5). */
export const CONN_PROBS: readonly (readonly number[])[] = [
  [0.1009, 0.1689, 0.0437, 0.0818, 0.0323, 0.0, 0.0076, 0.0],
  [0.1346, 0.1371, 0.0316, 0.0515, 0.0755, 0.0, 0.0042, 0.0],
  [0.0077, 0.0059, 0.0497, 0.135, 0.0067, 0.0003, 0.0453, 0.0],
  [0.0691, 0.0029, 0.0794, 0.1597, 0.0033, 0.0, 0.1057, 0.0],
  [0.1004, 0.0622, 0.0505, 0.0057, 0.0831, 0.3726, 0.0204, 0.0],
  [0.0548, 0.0269, 0.0257, 0.0022, 0.06, 0.3158, 0.0086, 0.0],
  [0.0156, 0.0066, 0.0211, 0.0166, 0.0572, 0.0197, 0.0396, 0.2252],
  [0.0364, 0.001, 0.0034, 0.0005, 0.0277, 0.008, 0.0658, 0.1443],
];

/** External (cortico-cortical) in-degrees per population (PD14 Table 5). */
export const K_EXT = [1600, 1500, 2100, 1900, 2000, 1900, 2900, 2100] as const;

/**
 * Mean rates (spikes/s) of the full-scale reference run, the reference's
 * `full_mean_rates` (INM-6/microcircuit-PD14-model, parameter_definitions.py),
 * used for the DC compensation of kScale < 1 and by the tests.
 */
export const FULL_MEAN_RATES = [0.903, 2.965, 4.414, 5.876, 7.569, 8.633, 1.105, 7.829] as const;

const V0_MEAN = [-68.28, -63.16, -63.33, -63.45, -63.11, -61.66, -66.72, -61.43];
const V0_SD = [5.36, 4.57, 4.74, 4.94, 4.94, 4.55, 5.46, 4.48];

const neuron = {
  cm: 0.25, // nF (250 pF)
  tauM: 10,
  tauRefrac: 2,
  tauSynE: 0.5,
  tauSynI: 0.5,
  vRest: -65,
  vReset: -65,
  vThresh: -50,
};
const PSP_EXC = 0.15; // mV
const G = -4;
const WEIGHT_CV = 0.1;
const DELAY_EXC = 1.5; // ms
const DELAY_INH = 0.75;
const DELAY_CV = 0.5;
const BG_RATE = 8; // spikes/s per external input

export interface MicrocircuitOptions {
  /** Fraction of the neurons of every population (0 < scale ≤ 1). */
  scale?: number;
  /** Fraction of the in-degrees (0 < kScale ≤ 1), compensated as the reference does. */
  kScale?: number;
  /** 'poisson' (default): K_ext Poisson inputs per neuron; 'dc': their mean current. */
  background?: 'poisson' | 'dc';
  dt?: number;
  seed?: number;
}

/** Total synapses between two populations from their connection probability (the fixed-total-number rule). */
export function synapsesFromProbability(c: number, nPre: number, nPost: number): number {
  const prod = nPre * nPost;
  return Math.log(1 - c) / Math.log((prod - 1) / prod);
}

/** PSC amplitude (pA) per PSP amplitude (mV) of the exponential synapse (the reference's helper). */
export function pscOverPsp(cmPf: number, tauM: number, tauSyn: number): number {
  const sub = 1 / (tauSyn - tauM);
  const pre = ((tauM * tauSyn) / cmPf) * sub;
  const frac = (tauM / tauSyn) ** sub;
  return 1 / (pre * (frac ** tauM - frac ** tauSyn));
}

/** Mean PSP (mV) of each [target][source] pair: excitatory sources 0.15, inhibitory −0.6, L4e → L2/3e 0.3. */
function pspMatrix(): number[][] {
  return CONN_PROBS.map((row, t) =>
    row.map((_, s) => (t === 0 && s === 2 ? 2 * PSP_EXC : s % 2 === 0 ? PSP_EXC : G * PSP_EXC)),
  );
}

function checkFraction(name: string, v: number): void {
  if (!(Number.isFinite(v) && v > 0 && v <= 1))
    throw invalid(name, v, 'a fraction in (0, 1] of the full model');
}

export function microcircuit(o: MicrocircuitOptions = {}): NetworkSpec {
  const scale = o.scale ?? 1;
  const kScale = o.kScale ?? 1;
  checkFraction('scale', scale);
  checkFraction('kScale', kScale);
  const background = o.background ?? 'poisson';
  if (background !== 'poisson' && background !== 'dc')
    throw invalid('background', background, 'poisson or dc');
  const dt = o.dt ?? 0.1;
  const sizes = FULL_SIZES.map((n) => Math.max(1, Math.round(n * scale)));
  const unit = pscOverPsp(neuron.cm * 1000, neuron.tauM, neuron.tauSynE) / 1000; // nA per mV
  const psc = pspMatrix().map((row) => row.map((psp) => (psp * unit) / Math.sqrt(kScale)));
  const pscExt = (PSP_EXC * unit) / Math.sqrt(kScale);
  const extIndegree = K_EXT.map((k) => Math.round(k * kScale));
  const tauSynS = neuron.tauSynE / 1000;
  // the mean input lost when in-degrees shrink, restored as DC (reference helper, nA)
  const full = CONN_PROBS.map((row, t) =>
    row.map((c, s) => synapsesFromProbability(c, FULL_SIZES[s]!, FULL_SIZES[t]!)),
  );
  const dc = FULL_SIZES.map((nT, t) => {
    let recurrent = 0;
    for (let s = 0; s < 8; s++)
      recurrent += (psc[t]![s]! * Math.sqrt(kScale) * full[t]![s]! * FULL_MEAN_RATES[s]!) / nT;
    const external = PSP_EXC * unit * K_EXT[t]! * BG_RATE;
    const lost = tauSynS * (1 - Math.sqrt(kScale)) * (recurrent + external);
    // 'dc': the whole external drive as its mean current, scaled in-degree
    const dcBackground = background === 'dc' ? BG_RATE * extIndegree[t]! * pscExt * tauSynS : 0;
    return (kScale === 1 ? 0 : lost) + dcBackground;
  });
  const populations: NeuronPopulationSpec[] = MICROCIRCUIT_POPULATIONS.map((label, t) => ({
    label,
    size: sizes[t]!,
    model: 'IF_curr_exp',
    params: { ...neuron, iOffset: dc[t]! },
    initial: { v: { distribution: 'normal', mean: V0_MEAN[t]!, sd: V0_SD[t]! } },
    ...(background === 'poisson' && {
      poissonInput: [
        { rateHz: BG_RATE * extIndegree[t]!, weight: pscExt, receptor: 'excitatory' as const },
      ],
    }),
  }));
  const projections: ProjectionSpec[] = [];
  for (let t = 0; t < 8; t++) {
    for (let s = 0; s < 8; s++) {
      const n = Math.round(full[t]![s]! * scale * kScale);
      if (n === 0) continue;
      const w = psc[t]![s]!;
      const d = s % 2 === 0 ? DELAY_EXC : DELAY_INH;
      projections.push({
        label: `${MICROCIRCUIT_POPULATIONS[s]}→${MICROCIRCUIT_POPULATIONS[t]}`,
        pre: MICROCIRCUIT_POPULATIONS[s]!,
        post: MICROCIRCUIT_POPULATIONS[t]!,
        connector: { type: 'fixedTotalNumber', n },
        weight:
          w > 0
            ? { distribution: 'normal', mean: w, sd: w * WEIGHT_CV, low: 0 }
            : { distribution: 'normal', mean: w, sd: -w * WEIGHT_CV, high: 0 },
        // redrawn below half a tick as the reference; capped 6 sd above the
        // mean (P = 1e-9, under one synapse of the full model) to bound the ring buffers
        delay: {
          distribution: 'normal',
          mean: d,
          sd: d * DELAY_CV,
          low: dt / 2,
          high: d * (1 + 6 * DELAY_CV),
        },
        receptor: w > 0 ? 'excitatory' : 'inhibitory',
      });
    }
  }
  return {
    schemaVersion: 1,
    dt,
    seed: o.seed ?? 55,
    populations,
    projections,
    meta: { model: 'microcircuit', scale, kScale, background },
  };
}
