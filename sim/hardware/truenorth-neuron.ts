/**
 * The TrueNorth digital neuron (Cassidy et al. 2013, IJCNN, "Cognitive
 * computing building block: a versatile and efficient digital neuron model
 * for neurosynaptic cores"; Akopyan et al. 2015 §III; deterministic core as
 * in Merolla et al. 2014 Table S2), one tick at a time, over typed arrays.
 *
 * Each tick, for neuron j with per-axon-type input counts n_G (active axons
 * of type G connected to j in the crossbar):
 *
 * 1. Synaptic integration, per type G with weight s = S_j^G:
 *      deterministic (b_j^G = 0): V += n_G · s
 *      stochastic    (b_j^G = 1): V += sgn(s) per event with probability |s|/256
 * 2. Leak, with leak-reversal flag ε_j: Ω = (1 − ε) + ε · sgn(V)
 *      deterministic (c_j = 0):   V += Ω · λ
 *      stochastic    (c_j = 1):   V += Ω · sgn(λ) with probability |λ|/256
 * 3. Threshold with a random part η = ρ & (2^TM − 1) (η = 0 when TM = 0):
 *      V ≥ α + η  → spike, then reset by γ: 0 to R, 1 by subtraction V −= α + η, 2 none
 *      V < −(β + η) (κ = 0) → negative reset: −R, V += β + η, or none (same γ)
 *      V < −β       (κ = 1) → V = −β (saturate at the negative threshold)
 * 4. V is held to the 20-bit signed range of the hardware register
 *    (Merolla et al. 2014 §S8); saturating there is our choice, the papers
 *    do not describe overflow.
 *
 * Random draws (stochastic modes) come from the caller's `Rng`, in a fixed
 * order: neurons in index order; for each, synaptic events type 0..3, then
 * the leak, then the threshold. Each event compares an 8-bit draw ρ with
 * |s| and fires when ρ < |s|, so s = 0 never fires and |s| = 256 always does
 * (the papers compare a magnitude with a pseudo-random number the same way;
 * the strict inequality is our reading). Same seed → same spikes.
 *
 * Sign convention: λ is added (Cassidy et al.); Merolla et al.'s Table S2
 * writes the same leak as −λ.
 *
 * Output: one target (core, axon) with a delay of 1–15 ticks per neuron; the
 * delivery itself belongs to the engine.
 */

import { invalid } from '../../src/core/errors.ts';
import type { Rng } from '../../src/core/rng.ts';
import {
  TRUENORTH_AXON_TYPES,
  TRUENORTH_AXONS_PER_CORE,
  TRUENORTH_MAX_DELAY,
  TRUENORTH_V_MAX,
  TRUENORTH_V_MIN,
  TRUENORTH_WEIGHT_MAX,
  TRUENORTH_WEIGHT_MIN,
} from './truenorth.ts';

export const RESET_TO_VALUE = 0;
export const RESET_SUBTRACT = 1;
export const RESET_NONE = 2;

/** Largest random-threshold mask width we accept (bits). */
export const MAX_THRESHOLD_MASK_BITS = 16;

/** Per-neuron parameters, one array entry per neuron (four for per-type fields). */
export interface TrueNorthParams {
  readonly size: number;
  /** S_j^G, neuron-major, 4 per neuron: signed 9-bit integers. */
  readonly weights: Int16Array;
  /** b_j^G: 1 = stochastic synapse mode for that axon type. */
  readonly stochasticSynapse: Uint8Array;
  /** λ_j, added each tick (integer units). */
  readonly leak: Int32Array;
  /** c_j: 1 = stochastic leak. */
  readonly stochasticLeak: Uint8Array;
  /** ε_j: 1 = leak sign follows sgn(V) (leak towards or away from 0). */
  readonly leakReversal: Uint8Array;
  /** α_j ≥ 0: positive threshold. */
  readonly threshold: Int32Array;
  /** β_j ≥ 0: negative threshold (magnitude). */
  readonly negThreshold: Int32Array;
  /** TM_j: width of the random threshold mask, 0 = deterministic threshold. */
  readonly thresholdMaskBits: Uint8Array;
  /** γ_j: RESET_TO_VALUE, RESET_SUBTRACT or RESET_NONE. */
  readonly resetMode: Uint8Array;
  /** R_j: reset value (integer units). */
  readonly resetValue: Int32Array;
  /** κ_j: 1 = saturate at −β, 0 = negative reset. */
  readonly negativeSaturate: Uint8Array;
  /** Output target: core, axon (0–255) and delay (1–15 ticks). */
  readonly targetCore: Int32Array;
  readonly targetAxon: Uint8Array;
  readonly delay: Uint8Array;
}

export interface TrueNorthState {
  /** Membrane potential V_j (integer units). */
  readonly v: Int32Array;
}

/** Scalar defaults for every neuron of a new parameter set. */
export interface TrueNorthDefaults {
  weights: readonly [number, number, number, number];
  stochasticSynapse: readonly [number, number, number, number];
  leak: number;
  stochasticLeak: number;
  leakReversal: number;
  threshold: number;
  negThreshold: number;
  thresholdMaskBits: number;
  resetMode: number;
  resetValue: number;
  negativeSaturate: number;
  targetCore: number;
  targetAxon: number;
  delay: number;
}

/** Parameter vocabulary with defaults and allowed values (validation, --help, registry). */
export const truenorthSpec: Readonly<
  Record<keyof TrueNorthDefaults, { default: unknown; allowed: string }>
> = {
  weights: {
    default: [1, 0, 0, 0],
    allowed: `4 integers in ${TRUENORTH_WEIGHT_MIN}…${TRUENORTH_WEIGHT_MAX} (S_j^G)`,
  },
  stochasticSynapse: { default: [0, 0, 0, 0], allowed: '4 flags, 0 or 1 (b_j^G)' },
  leak: { default: 0, allowed: 'an integer (λ, added each tick)' },
  stochasticLeak: { default: 0, allowed: '0 or 1 (c)' },
  leakReversal: { default: 0, allowed: '0 or 1 (ε)' },
  threshold: { default: 1, allowed: `an integer in 0…${TRUENORTH_V_MAX} (α)` },
  negThreshold: { default: 0, allowed: `an integer in 0…${TRUENORTH_V_MAX} (β)` },
  thresholdMaskBits: { default: 0, allowed: `an integer in 0…${MAX_THRESHOLD_MASK_BITS} (TM)` },
  resetMode: {
    default: RESET_TO_VALUE,
    allowed: '0 reset to R, 1 subtract threshold, 2 no reset (γ)',
  },
  resetValue: { default: 0, allowed: 'an integer (R)' },
  negativeSaturate: { default: 1, allowed: '0 or 1 (κ)' },
  targetCore: { default: 0, allowed: 'an integer ≥ 0' },
  targetAxon: { default: 0, allowed: `an integer in 0…${TRUENORTH_AXONS_PER_CORE - 1}` },
  delay: { default: 1, allowed: `an integer in 1…${TRUENORTH_MAX_DELAY} (ticks)` },
};

export function createTrueNorthParams(
  size: number,
  set: Partial<TrueNorthDefaults> = {},
): TrueNorthParams {
  const d = { ...defaults(), ...set };
  const per4 = (vals: readonly number[], Arr: typeof Int16Array | typeof Uint8Array) => {
    const a = new Arr(size * TRUENORTH_AXON_TYPES);
    for (let j = 0; j < size; j++) a.set(vals, j * TRUENORTH_AXON_TYPES);
    return a;
  };
  return {
    size,
    weights: per4(d.weights, Int16Array) as Int16Array,
    stochasticSynapse: per4(d.stochasticSynapse, Uint8Array) as Uint8Array,
    leak: new Int32Array(size).fill(d.leak),
    stochasticLeak: new Uint8Array(size).fill(d.stochasticLeak),
    leakReversal: new Uint8Array(size).fill(d.leakReversal),
    threshold: new Int32Array(size).fill(d.threshold),
    negThreshold: new Int32Array(size).fill(d.negThreshold),
    thresholdMaskBits: new Uint8Array(size).fill(d.thresholdMaskBits),
    resetMode: new Uint8Array(size).fill(d.resetMode),
    resetValue: new Int32Array(size).fill(d.resetValue),
    negativeSaturate: new Uint8Array(size).fill(d.negativeSaturate),
    targetCore: new Int32Array(size).fill(d.targetCore),
    targetAxon: new Uint8Array(size).fill(d.targetAxon),
    delay: new Uint8Array(size).fill(d.delay),
  };
}

function defaults(): TrueNorthDefaults {
  const s = truenorthSpec;
  return Object.fromEntries(
    Object.entries(s).map(([k, v]) => [k, v.default]),
  ) as unknown as TrueNorthDefaults;
}

export function createTrueNorthState(size: number, v0 = 0): TrueNorthState {
  return { v: new Int32Array(size).fill(v0) };
}

/** Validates every parameter once, naming the field and neuron (`weights[5]`: neuron 1, type 1). */
export function checkTrueNorthParams(p: TrueNorthParams): void {
  const inRange = (name: string, a: ArrayLike<number>, lo: number, hi: number, allowed: string) => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (!(x >= lo && x <= hi)) throw invalid(`${name}[${i}]`, x, allowed);
    }
  };
  const s = truenorthSpec;
  inRange('weights', p.weights, TRUENORTH_WEIGHT_MIN, TRUENORTH_WEIGHT_MAX, s.weights.allowed);
  inRange('stochasticSynapse', p.stochasticSynapse, 0, 1, s.stochasticSynapse.allowed);
  inRange('stochasticLeak', p.stochasticLeak, 0, 1, s.stochasticLeak.allowed);
  inRange('leakReversal', p.leakReversal, 0, 1, s.leakReversal.allowed);
  inRange('threshold', p.threshold, 0, TRUENORTH_V_MAX, s.threshold.allowed);
  inRange('negThreshold', p.negThreshold, 0, TRUENORTH_V_MAX, s.negThreshold.allowed);
  inRange(
    'thresholdMaskBits',
    p.thresholdMaskBits,
    0,
    MAX_THRESHOLD_MASK_BITS,
    s.thresholdMaskBits.allowed,
  );
  inRange('resetMode', p.resetMode, 0, 2, s.resetMode.allowed);
  inRange('negativeSaturate', p.negativeSaturate, 0, 1, s.negativeSaturate.allowed);
  inRange('targetAxon', p.targetAxon, 0, TRUENORTH_AXONS_PER_CORE - 1, s.targetAxon.allowed);
  inRange('delay', p.delay, 1, TRUENORTH_MAX_DELAY, s.delay.allowed);
}

/** Bernoulli event of an 8-bit stochastic mode: true with probability min(|x|, 256)/256. */
function fires(rng: Rng, magnitude: number): boolean {
  return (rng.nextU32() & 0xff) < magnitude;
}

/**
 * One tick for every neuron. `input` holds the active-axon counts per neuron
 * and axon type (neuron-major, 4 per neuron). Writes the indices of neurons
 * that spiked to `spikesOut` and returns how many.
 */
export function updateTrueNorth(
  state: TrueNorthState,
  p: TrueNorthParams,
  input: ArrayLike<number>,
  rng: Rng,
  spikesOut: Uint32Array,
): number {
  const v = state.v;
  let spikes = 0;
  for (let j = 0; j < p.size; j++) {
    let x = v[j]!;
    // 1. synaptic integration
    for (let g = 0; g < TRUENORTH_AXON_TYPES; g++) {
      const n = input[j * TRUENORTH_AXON_TYPES + g]!;
      if (n === 0) continue;
      const s = p.weights[j * TRUENORTH_AXON_TYPES + g]!;
      if (p.stochasticSynapse[j * TRUENORTH_AXON_TYPES + g] === 0) {
        x += n * s;
      } else if (s !== 0) {
        const mag = s < 0 ? -s : s;
        const sign = s < 0 ? -1 : 1;
        for (let k = 0; k < n; k++) if (fires(rng, mag)) x += sign;
      }
    }
    // 2. leak
    const lambda = p.leak[j]!;
    if (lambda !== 0) {
      const omega = p.leakReversal[j] === 0 ? 1 : x > 0 ? 1 : x < 0 ? -1 : 0;
      if (p.stochasticLeak[j] === 0) {
        x += omega * lambda;
      } else if (fires(rng, lambda < 0 ? -lambda : lambda)) {
        x += omega * (lambda < 0 ? -1 : 1);
      }
    }
    // 3. threshold, fire, reset
    const tm = p.thresholdMaskBits[j]!;
    const eta = tm === 0 ? 0 : rng.nextU32() & ((1 << tm) - 1);
    const alpha = p.threshold[j]! + eta;
    const mode = p.resetMode[j]!;
    if (x >= alpha) {
      spikesOut[spikes++] = j;
      if (mode === RESET_TO_VALUE) x = p.resetValue[j]!;
      else if (mode === RESET_SUBTRACT) x -= alpha;
    } else {
      const beta = p.negThreshold[j]!;
      if (p.negativeSaturate[j] === 1) {
        if (x < -beta) x = -beta;
      } else if (x < -(beta + eta)) {
        if (mode === RESET_TO_VALUE) x = -p.resetValue[j]!;
        else if (mode === RESET_SUBTRACT) x += beta + eta;
      }
    }
    // 4. the 20-bit register
    v[j] = Math.min(TRUENORTH_V_MAX, Math.max(TRUENORTH_V_MIN, x));
  }
  return spikes;
}
