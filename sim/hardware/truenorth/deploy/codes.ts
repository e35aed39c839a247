/**
 * Per-synapse signed weights on a TrueNorth core from axon copies.
 *
 * The crossbar bit w_ij is binary and the weight it selects, S_j^G, is fixed
 * per neuron j and axon type G (Merolla et al. 2014, Science 345:668, §S1:
 * "each axon i is assigned one of four types"). One axon per input therefore
 * gives every synapse of an input the same weight. Delivering each input to
 * K axons of different types on the same core turns the K crossbar bits of a
 * synapse into a K-digit number: with type weights
 *
 *   S_j^G = q_j · m_G,   m = (−2^{K−1}, 2^{K−2}, …, 2, 1)
 *
 * the subset sums of the K bits are exactly the integers −2^{K−1} … 2^{K−1}−1
 * (a K-bit two's-complement code), so neuron j sees w_ij ≈ n_ij · Δ_j with
 * its own step Δ_j. K = 4 uses all four axon types (4-bit weights, 64 inputs
 * per 256-axon core); K = 2 gives {−2, −1, 0, 1}, which holds the trinary
 * {−1, 0, 1} weights of Esser et al. 2016 (PNAS 113:11441) with 128 inputs per
 * core. The inputs are copied by splitter neurons (Merolla et al. 2014 §S4).
 *
 * The unit q_j is the largest integer with q_j · 2^{K−1} ≤ 255, so that both
 * S and −S (the negative partial neuron of a split neuron, layer.ts) fit
 * the 9-bit weight table.
 */

import { TRUENORTH_AXON_TYPES, TRUENORTH_WEIGHT_MAX } from '../../../neurons/truenorth/params.ts';

export const MIN_WEIGHT_BITS = 2;
export const MAX_WEIGHT_BITS = TRUENORTH_AXON_TYPES;

export interface WeightCode {
  /** K: axon copies per input, one per type 0 … K−1. */
  readonly bits: number;
  /** m_G: the multiple of q_j that type G carries. */
  readonly multipliers: readonly number[];
  /** Smallest and largest code. */
  readonly min: number;
  readonly max: number;
  /** q: integer units per code step when Δ_j is not limited by the threshold range. */
  readonly unit: number;
}

export function weightCode(bits: number): WeightCode {
  const half = 2 ** (bits - 1);
  const multipliers = [-half];
  for (let g = 1; g < bits; g++) multipliers.push(2 ** (bits - 1 - g));
  return {
    bits,
    multipliers,
    min: -half,
    max: half - 1,
    unit: Math.floor(TRUENORTH_WEIGHT_MAX / half),
  };
}

/** Bit G set ⇔ the synapse's copy of type G is connected: the two's-complement digits of n. */
export function codeMask(n: number, bits: number): number {
  const u = n < 0 ? n + 2 ** bits : n;
  let mask = n < 0 ? 1 : 0;
  for (let g = 1; g < bits; g++) if ((u >> (bits - 1 - g)) & 1) mask |= 1 << g;
  return mask;
}

/** Σ over the set bits of m_G: the integer a mask represents. */
export function maskValue(mask: number, code: WeightCode): number {
  let v = 0;
  for (let g = 0; g < code.bits; g++) if ((mask >> g) & 1) v += code.multipliers[g]!;
  return v;
}

/** round(w / step) held to the code's range. */
export function quantise(w: number, step: number, code: WeightCode): number {
  if (step === 0) return 0;
  const n = Math.round(w / step);
  return Math.min(code.max, Math.max(code.min, n));
}

/** Σ (w − n·step)² over w[from … to) with stride. */
function squaredError(
  w: ArrayLike<number>,
  from: number,
  to: number,
  stride: number,
  step: number,
  code: WeightCode,
): number {
  let e = 0;
  for (let k = from; k < to; k += stride) {
    const d = w[k]! - quantise(w[k]!, step, code) * step;
    e += d * d;
  }
  return e;
}

/** Candidate steps between max|w| / (4·2^{K−1}) and max|w| / (2^{K−1} − 1), geometric. */
const STEP_CANDIDATES = 48;

/**
 * The step Δ of one neuron's weights (w[from], w[from + stride], … below
 * `to`) with the smallest squared error after rounding and clipping to the
 * code's range: the two steps that hold the largest positive or negative
 * weight exactly, then a geometric scan below them (clipping a few large
 * weights can cost less than coarse steps for all the others). The first
 * candidate wins ties, so weights already on a grid keep it. 0 when every
 * weight is 0.
 */
export function chooseStep(
  w: ArrayLike<number>,
  from: number,
  to: number,
  stride: number,
  code: WeightCode,
): number {
  let maxPos = 0;
  let maxNeg = 0;
  for (let k = from; k < to; k += stride) {
    const x = w[k]!;
    if (x > maxPos) maxPos = x;
    else if (-x > maxNeg) maxNeg = -x;
  }
  const top = Math.max(maxPos / code.max, maxNeg / -code.min);
  if (top === 0) return 0;
  let best = top;
  let bestErr = squaredError(w, from, to, stride, top, code);
  const other = maxPos / code.max === top ? maxNeg / -code.min : maxPos / code.max;
  const consider = (step: number) => {
    if (!(step > 0)) return;
    const e = squaredError(w, from, to, stride, step, code);
    if (e < bestErr) {
      bestErr = e;
      best = step;
    }
  };
  consider(other);
  const ratio = 4 ** (1 / (STEP_CANDIDATES - 1));
  let step = top;
  for (let i = 1; i < STEP_CANDIDATES; i++) {
    step /= ratio;
    consider(step);
  }
  return best;
}
