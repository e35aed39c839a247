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
 * 2. Leak, with leak-reversal flag ε_j: Ω = (1 − ε) + ε · sgn(V); λ is the
 *    programmed leak plus, when given, the neuron's entry of `drive` rounded
 *    to an integer (the part of the leak reprogrammed between input samples,
 *    e.g. an input layer whose leaks encode the sample)
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
 *
 * One implementation, two callers: `stepTrueNorth` runs over per-neuron
 * constants in the engine's layout (`TRUENORTH_CONSTS` per neuron, or one
 * shared set), which is what the engine's `TrueNorth` model calls each tick
 * (model.ts); `updateTrueNorth` packs a `TrueNorthParams`
 * and calls it, for single neurons and tests.
 */

import type { Rng } from '../../../src/core/rng.ts';
import {
  RESET_SUBTRACT,
  RESET_TO_VALUE,
  TRUENORTH_AXON_TYPES,
  TRUENORTH_V_MAX,
  TRUENORTH_V_MIN,
  type TrueNorthParams,
  type TrueNorthState,
} from './params.ts';

// One neuron's constants in the engine's layout (see stepTrueNorth): the
// fields a deterministic neuron reads come first and together (96 bytes).
const C_WEIGHT = 0; // 4 values, one per axon type
const C_LEAK = 4;
const C_THRESHOLD = 5;
const C_NEG_THRESHOLD = 6;
const C_RESET_VALUE = 7;
const C_DETERMINISTIC = 8; // 1: no stochastic synapse, leak or threshold (derived)
const C_RESET_MODE = 9;
const C_NEG_SATURATE = 10;
const C_LEAK_REVERSAL = 11;
const C_STOCHASTIC_SYNAPSE = 12; // 4 values
const C_STOCHASTIC_LEAK = 16;
const C_MASK_BITS = 17;
/** Constants per neuron (the engine's `constStride` for a heterogeneous population). */
export const TRUENORTH_CONSTS = 18;

/** Where a deterministic neuron's fields sit among its constants (for kernels that repack them). */
export const TRUENORTH_CONST_INDEX = {
  weight: C_WEIGHT,
  leak: C_LEAK,
  threshold: C_THRESHOLD,
  negThreshold: C_NEG_THRESHOLD,
  resetValue: C_RESET_VALUE,
  deterministic: C_DETERMINISTIC,
  resetMode: C_RESET_MODE,
  negativeSaturate: C_NEG_SATURATE,
  leakReversal: C_LEAK_REVERSAL,
} as const;

/** The dynamics' parameters of every neuron, `TRUENORTH_CONSTS` per neuron (routing fields left out). */
export function packTrueNorthParams(p: TrueNorthParams): Float64Array {
  const G = TRUENORTH_AXON_TYPES;
  const c = new Float64Array(p.size * TRUENORTH_CONSTS);
  for (let j = 0; j < p.size; j++) {
    const b = j * TRUENORTH_CONSTS;
    let stochastic = p.stochasticLeak[j]! !== 0 || p.thresholdMaskBits[j]! !== 0;
    for (let g = 0; g < G; g++) {
      c[b + C_WEIGHT + g] = p.weights[j * G + g]!;
      c[b + C_STOCHASTIC_SYNAPSE + g] = p.stochasticSynapse[j * G + g]!;
      if (p.stochasticSynapse[j * G + g]! !== 0) stochastic = true;
    }
    c[b + C_LEAK] = p.leak[j]!;
    c[b + C_STOCHASTIC_LEAK] = p.stochasticLeak[j]!;
    c[b + C_LEAK_REVERSAL] = p.leakReversal[j]!;
    c[b + C_THRESHOLD] = p.threshold[j]!;
    c[b + C_NEG_THRESHOLD] = p.negThreshold[j]!;
    c[b + C_MASK_BITS] = p.thresholdMaskBits[j]!;
    c[b + C_RESET_MODE] = p.resetMode[j]!;
    c[b + C_RESET_VALUE] = p.resetValue[j]!;
    c[b + C_NEG_SATURATE] = p.negativeSaturate[j]!;
    c[b + C_DETERMINISTIC] = stochastic ? 0 : 1;
  }
  return c;
}

/** Bernoulli event of an 8-bit stochastic mode: true with probability min(|x|, 256)/256. */
function fires(rng: Rng, magnitude: number): boolean {
  return (rng.nextU32() & 0xff) < magnitude;
}

/**
 * One tick for n neurons whose constants are in `c` (neuron j's at
 * j · stride; stride 0: one set shared by all). `input` holds the event
 * counts per neuron and axon type (neuron-major, 4 per neuron); `drive`,
 * when not null, adds round(drive[j]) to neuron j's leak. Writes
 * `idOffset + j` of each neuron that spiked to `spikes` from index `count`
 * on and returns the new count. Does not clear `input`.
 */
export function stepTrueNorth(
  v: Int32Array,
  c: Float64Array,
  stride: number,
  n: number,
  input: ArrayLike<number>,
  rng: Rng,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
  drive: ArrayLike<number> | null = null,
): number {
  if (stride === 0 && drive === null && c[C_DETERMINISTIC] === 1)
    return stepShared(v, c, n, input, spikes, count, idOffset);
  // Imported bindings are read once here: in the loop they would be module
  // accesses per neuron (live bindings), a large share of the tick.
  const G = TRUENORTH_AXON_TYPES;
  const vMax = TRUENORTH_V_MAX;
  const vMin = TRUENORTH_V_MIN;
  const toValue = RESET_TO_VALUE;
  const subtract = RESET_SUBTRACT;
  for (let j = 0; j < n; j++) {
    const b = j * stride;
    const in0 = G * j;
    let x = v[j]!;
    if (c[b + C_DETERMINISTIC] === 1) {
      // the same steps without random draws, reading only the first fields
      x +=
        input[in0]! * c[b]! +
        input[in0 + 1]! * c[b + 1]! +
        input[in0 + 2]! * c[b + 2]! +
        input[in0 + 3]! * c[b + 3]!;
      const lambda = drive === null ? c[b + C_LEAK]! : c[b + C_LEAK]! + Math.round(drive[j]!);
      if (lambda !== 0)
        x += c[b + C_LEAK_REVERSAL] === 0 ? lambda : x > 0 ? lambda : x < 0 ? -lambda : 0;
      const alpha = c[b + C_THRESHOLD]!;
      const mode = c[b + C_RESET_MODE]!;
      if (x >= alpha) {
        spikes[count++] = idOffset + j;
        if (mode === toValue) x = c[b + C_RESET_VALUE]!;
        else if (mode === subtract) x -= alpha;
      } else {
        const beta = c[b + C_NEG_THRESHOLD]!;
        if (c[b + C_NEG_SATURATE] === 1) {
          if (x < -beta) x = -beta;
        } else if (x < -beta) {
          if (mode === toValue) x = -c[b + C_RESET_VALUE]!;
          else if (mode === subtract) x += beta;
        }
      }
      v[j] = Math.min(vMax, Math.max(vMin, x));
      continue;
    }
    // 1. synaptic integration
    for (let g = 0; g < G; g++) {
      const events = input[in0 + g]!;
      if (events === 0) continue;
      const s = c[b + C_WEIGHT + g]!;
      if (c[b + C_STOCHASTIC_SYNAPSE + g] === 0) {
        x += events * s;
      } else if (s !== 0) {
        const mag = s < 0 ? -s : s;
        const sign = s < 0 ? -1 : 1;
        for (let k = 0; k < events; k++) if (fires(rng, mag)) x += sign;
      }
    }
    // 2. leak
    const lambda = drive === null ? c[b + C_LEAK]! : c[b + C_LEAK]! + Math.round(drive[j]!);
    if (lambda !== 0) {
      const omega = c[b + C_LEAK_REVERSAL] === 0 ? 1 : x > 0 ? 1 : x < 0 ? -1 : 0;
      if (c[b + C_STOCHASTIC_LEAK] === 0) {
        x += omega * lambda;
      } else if (fires(rng, lambda < 0 ? -lambda : lambda)) {
        x += omega * (lambda < 0 ? -1 : 1);
      }
    }
    // 3. threshold, fire, reset
    const tm = c[b + C_MASK_BITS]!;
    const eta = tm === 0 ? 0 : rng.nextU32() & ((1 << tm) - 1);
    const alpha = c[b + C_THRESHOLD]! + eta;
    const mode = c[b + C_RESET_MODE]!;
    if (x >= alpha) {
      spikes[count++] = idOffset + j;
      if (mode === toValue) x = c[b + C_RESET_VALUE]!;
      else if (mode === subtract) x -= alpha;
    } else {
      const beta = c[b + C_NEG_THRESHOLD]!;
      if (c[b + C_NEG_SATURATE] === 1) {
        if (x < -beta) x = -beta;
      } else if (x < -(beta + eta)) {
        if (mode === toValue) x = -c[b + C_RESET_VALUE]!;
        else if (mode === subtract) x += beta + eta;
      }
    }
    // 4. the 20-bit register
    v[j] = Math.min(vMax, Math.max(vMin, x));
  }
  return count;
}

/**
 * stepTrueNorth for a population sharing one deterministic set of
 * constants (relays, splitters): the same arithmetic with the constants in
 * locals, so a neuron costs its input reads and one comparison.
 */
function stepShared(
  v: Int32Array,
  c: Float64Array,
  n: number,
  input: ArrayLike<number>,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
): number {
  const w0 = c[C_WEIGHT]!;
  const w1 = c[C_WEIGHT + 1]!;
  const w2 = c[C_WEIGHT + 2]!;
  const w3 = c[C_WEIGHT + 3]!;
  const lambda = c[C_LEAK]!;
  const reversal = c[C_LEAK_REVERSAL] !== 0;
  const alpha = c[C_THRESHOLD]!;
  const beta = c[C_NEG_THRESHOLD]!;
  const saturate = c[C_NEG_SATURATE] === 1;
  const mode = c[C_RESET_MODE]!;
  const toValue = mode === RESET_TO_VALUE;
  const subtract = mode === RESET_SUBTRACT;
  const resetValue = c[C_RESET_VALUE]!;
  const vMax = TRUENORTH_V_MAX;
  const vMin = TRUENORTH_V_MIN;
  for (let j = 0; j < n; j++) {
    const i = 4 * j; // TRUENORTH_AXON_TYPES channels per neuron
    let x = v[j]! + input[i]! * w0 + input[i + 1]! * w1 + input[i + 2]! * w2 + input[i + 3]! * w3;
    if (lambda !== 0) x += reversal ? (x > 0 ? lambda : x < 0 ? -lambda : 0) : lambda;
    if (x >= alpha) {
      spikes[count++] = idOffset + j;
      if (toValue) x = resetValue;
      else if (subtract) x -= alpha;
    } else if (saturate) {
      if (x < -beta) x = -beta;
    } else if (x < -beta) {
      if (toValue) x = -resetValue;
      else if (subtract) x += beta;
    }
    v[j] = Math.min(vMax, Math.max(vMin, x));
  }
  return count;
}

/**
 * One tick for every neuron of a parameter set. `input` holds the active-axon
 * counts per neuron and axon type (neuron-major, 4 per neuron). Writes the
 * indices of neurons that spiked to `spikesOut` and returns how many. Packs
 * the parameters on every call: for single neurons and tests; simulations
 * use the engine's `TrueNorth` model, which packs them once.
 */
export function updateTrueNorth(
  state: TrueNorthState,
  p: TrueNorthParams,
  input: ArrayLike<number>,
  rng: Rng,
  spikesOut: Uint32Array,
): number {
  return stepTrueNorth(
    state.v,
    packTrueNorthParams(p),
    TRUENORTH_CONSTS,
    p.size,
    input,
    rng,
    spikesOut,
    0,
    0,
  );
}
