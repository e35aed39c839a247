/**
 * Parameters of the TrueNorth digital neuron (see dynamics.ts for the
 * dynamics): the widths of its registers, per-neuron typed arrays, the
 * vocabulary with defaults, ranges and meanings (validation, --help, and the
 * engine's `TrueNorth` model, whose parameter specs are derived from it), and
 * the one-time check.
 *
 * The limits below belong to the neuron (its registers and its output
 * fields), so they live here; the platform description
 * (sim/hardware/truenorth/platform.ts) builds its core capacity from them.
 * Figures from Merolla et al. 2014 (Science 345:668, with the Supplementary
 * Material).
 */

import { invalid } from '../../../src/core/errors.ts';

/** "256 axons (communication)" per core (MER14 §S1): the range of a neuron's target axon. */
export const TRUENORTH_AXONS_PER_CORE = 256;
/** "each axon i is assigned one of four types G_i ∈ {0, 1, 2, 3}" (MER14 §S1). */
export const TRUENORTH_AXON_TYPES = 4;
/** Effective weight S_j^G is "a 9 bit signed integer" (MER14 §S8): −256 … 255. */
export const TRUENORTH_WEIGHT_MIN = -256;
export const TRUENORTH_WEIGHT_MAX = 255;
/** Membrane potential "a 20 bit signed integer" (MER14 §S8). */
export const TRUENORTH_V_MIN = -(2 ** 19);
export const TRUENORTH_V_MAX = 2 ** 19 - 1;
/** "an axonal delay of between 1 to 15 time steps" (MER14 p. 5). */
export const TRUENORTH_MAX_DELAY = 15;

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

/** One field of the parameter vocabulary: default, integer range, unit and meaning. */
export interface TrueNorthField {
  /** Four values for the per-axon-type fields. */
  readonly default: number | readonly [number, number, number, number];
  readonly min: number;
  readonly max: number;
  readonly unit: string;
  /** What is allowed, for error messages. */
  readonly allowed: string;
  readonly doc: string;
}

/** Parameter vocabulary with defaults and allowed values (validation, --help, registry). */
export const truenorthSpec: Readonly<Record<keyof TrueNorthDefaults, TrueNorthField>> = {
  weights: {
    default: [1, 0, 0, 0],
    min: TRUENORTH_WEIGHT_MIN,
    max: TRUENORTH_WEIGHT_MAX,
    unit: 'units',
    allowed: `4 integers in ${TRUENORTH_WEIGHT_MIN}…${TRUENORTH_WEIGHT_MAX} (S_j^G)`,
    doc: 'S_j^G: weight of an event on an axon of type G',
  },
  stochasticSynapse: {
    default: [0, 0, 0, 0],
    min: 0,
    max: 1,
    unit: 'flag',
    allowed: '4 flags, 0 or 1 (b_j^G)',
    doc: 'b_j^G: 1 = each event of type G adds sgn(S) with probability |S|/256',
  },
  leak: {
    default: 0,
    min: TRUENORTH_V_MIN,
    max: TRUENORTH_V_MAX,
    unit: 'units per tick',
    allowed: `an integer in ${TRUENORTH_V_MIN}…${TRUENORTH_V_MAX} (λ, added each tick)`,
    doc: 'λ: added to V every tick (a constant drive, or a decay with leak reversal)',
  },
  stochasticLeak: {
    default: 0,
    min: 0,
    max: 1,
    unit: 'flag',
    allowed: '0 or 1 (c)',
    doc: 'c: 1 = the leak adds sgn(λ) with probability |λ|/256',
  },
  leakReversal: {
    default: 0,
    min: 0,
    max: 1,
    unit: 'flag',
    allowed: '0 or 1 (ε)',
    doc: 'ε: 1 = the leak is multiplied by sgn(V) (towards or away from 0)',
  },
  threshold: {
    default: 1,
    min: 0,
    max: TRUENORTH_V_MAX,
    unit: 'units',
    allowed: `an integer in 0…${TRUENORTH_V_MAX} (α)`,
    doc: 'α: V ≥ α (+ η) fires',
  },
  negThreshold: {
    default: 0,
    min: 0,
    max: TRUENORTH_V_MAX,
    unit: 'units',
    allowed: `an integer in 0…${TRUENORTH_V_MAX} (β)`,
    doc: 'β: magnitude of the negative threshold',
  },
  thresholdMaskBits: {
    default: 0,
    min: 0,
    max: MAX_THRESHOLD_MASK_BITS,
    unit: 'bits',
    allowed: `an integer in 0…${MAX_THRESHOLD_MASK_BITS} (TM)`,
    doc: 'TM: width of the random threshold mask η (0: deterministic threshold)',
  },
  resetMode: {
    default: RESET_TO_VALUE,
    min: 0,
    max: 2,
    unit: 'mode',
    allowed: '0 reset to R, 1 subtract threshold, 2 no reset (γ)',
    doc: 'γ: 0 reset to R, 1 subtract the threshold, 2 no reset',
  },
  resetValue: {
    default: 0,
    min: TRUENORTH_V_MIN,
    max: TRUENORTH_V_MAX,
    unit: 'units',
    allowed: `an integer in ${TRUENORTH_V_MIN}…${TRUENORTH_V_MAX} (R)`,
    doc: 'R: V after a spike when γ = 0 (−R after a negative reset)',
  },
  negativeSaturate: {
    default: 1,
    min: 0,
    max: 1,
    unit: 'flag',
    allowed: '0 or 1 (κ)',
    doc: 'κ: 1 = V saturates at −β, 0 = negative reset below −β',
  },
  targetCore: {
    default: 0,
    min: 0,
    max: 2 ** 31 - 1,
    unit: 'core',
    allowed: 'an integer ≥ 0',
    doc: 'output target core',
  },
  targetAxon: {
    default: 0,
    min: 0,
    max: TRUENORTH_AXONS_PER_CORE - 1,
    unit: 'axon',
    allowed: `an integer in 0…${TRUENORTH_AXONS_PER_CORE - 1}`,
    doc: 'output target axon on the target core',
  },
  delay: {
    default: 1,
    min: 1,
    max: TRUENORTH_MAX_DELAY,
    unit: 'ticks',
    allowed: `an integer in 1…${TRUENORTH_MAX_DELAY} (ticks)`,
    doc: 'output delay',
  },
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
  for (const [name, field] of Object.entries(truenorthSpec)) {
    const a = p[name as keyof TrueNorthDefaults] as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) {
      const x = a[i]!;
      if (!(x >= field.min && x <= field.max)) throw invalid(`${name}[${i}]`, x, field.allowed);
    }
  }
}
