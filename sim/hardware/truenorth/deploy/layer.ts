/**
 * One layer of a TrueNorth deployment: each neuron's weights as K-bit codes
 * with its own step (codes.ts), its threshold, leak and initial
 * potential in the chip's integer units, and — when the layer's fan-in needs
 * more axons than one core has — the split into partial-sum neurons and a
 * merge neuron.
 *
 * Units. Neuron j counts in s_j = q_j / Δ_j units per mV: a code step is
 * q_j units, the threshold θ_j becomes round(θ_j s_j), the bias b_j (mV per
 * tick) the leak round(b_j s_j), the initial potential round(v0_j s_j).
 * Weights already on the grid (w = n Δ_j with θ s_j and b s_j integers)
 * therefore give exactly the original membrane trajectory, scaled.
 *
 * Latency. Inputs reach the layer one tick late (through splitter neurons);
 * the initial potential is lowered by one leak per tick of that delay, so
 * that when the input arrives the potential is the original's (exact for a
 * non-negative bias; a negative bias could otherwise make the neuron start
 * above threshold, so the start is held one unit below it).
 *
 * Splitting. With G > 1 input groups of ⌊256/K⌋ inputs, neuron j becomes G
 * pairs of partial neurons on the groups' cores and one merge neuron. Each
 * pair (P, N) integrates the group's partial sum u and −u, with equal
 * positive and negative thresholds A_j, reset by subtraction at both (the
 * TrueNorth neuron's negative reset, κ = 0, Cassidy et al. 2013), and N
 * starting at −1 − V_P(0): then V_N = −1 − V_P every tick, so P fires when
 * the running sum rises by A_j and N when it falls by A_j, exactly once
 * each (a mirror pair). The merge neuron adds +ω per P spike and −ω per N
 * spike with ω / α_m ≈ A_j / (s_j θ_j), so it receives the original input
 * charge up to the pairs' residues, each within (−A_j, A_j]: at most one
 * quantum per pair over a whole run, not per tick. A_j is the most one
 * group can add or remove in one tick (every input of one sign firing), so
 * a pair never needs more than one spike per tick and never falls behind.
 * The bias and the initial potential go to the first pair, at s_j's finer
 * resolution. Cost: 2G + 1 neurons instead of one, G pairs' spikes on the
 * mesh, and one tick of latency (the partials fire in the tick the
 * original neuron would integrate, the merge one tick later).
 */

import { SpikelabError } from '../../../../src/core/errors.ts';
import { checkAllocation } from '../../../../src/core/memory.ts';
import type { Network, NeuronPopulation } from '../../../network/network.ts';
import { TRUENORTH_V_MAX, TRUENORTH_WEIGHT_MAX } from '../../../neurons/truenorth/params.ts';
import { chooseStep, codeMask, quantise, type WeightCode, weightCode } from './codes.ts';
import type { DeployLayer } from './shape.ts';

/** Largest threshold given to a layer neuron: V keeps ≥ 4 thresholds of range in 20 bits. */
export const THRESHOLD_CAP = 2 ** 17;

export interface LayerCapacity {
  readonly axonsPerCore: number;
  readonly neuronsPerCore: number;
}

export interface LayerStats {
  /** Synapses of the original projection (non-zero weights, repeats summed). */
  readonly synapses: number;
  readonly rmsError: number;
  /** rmsError ÷ RMS weight. */
  readonly relativeRmsError: number;
  readonly maxAbsError: number;
  /** Synapses whose weight was beyond the code's range and held to it. */
  readonly clipped: number;
  /** Crossbar bits set: synaptic events per input spike, summed over the layer's neurons (each partial pair counted twice). */
  readonly crossbarBits: number;
  readonly thresholdRelativeError: number;
  /** Largest |leak/s − bias| (mV per tick). */
  readonly biasError: number;
  /** Split layers: largest relative error of the merge's ω/α_m against the partial quantum. */
  readonly mergeRatioError: number;
  /** Split layers: partial quantum A_j in thresholds, mean and max over neurons. */
  readonly partialQuantum: { readonly mean: number; readonly max: number };
  /** Neurons whose start was held below threshold (negative bias × latency). */
  readonly startsHeld: number;
}

export interface LayerPlan {
  readonly layer: DeployLayer;
  readonly label: string;
  readonly nPre: number;
  readonly nPost: number;
  readonly code: WeightCode;
  /** Inputs per group (one core's axons hold groupSize × K copies). */
  readonly groupSize: number;
  readonly groups: number;
  readonly split: boolean;
  /** Code of synapse (i, j) at i·nPost + j. */
  readonly codes: Int8Array;
  /** Layer neurons (direct) or partial pairs per core. */
  readonly postsPerCore: number;
  /** Cores per input group (direct: the layer's cores). */
  readonly chunks: number;
  readonly mergesPerCore: number;
  /** Per neuron, integer units: q_j, threshold, leak, start; split: A_j, ω, α_m. */
  readonly unit: Int32Array;
  readonly threshold: Float64Array;
  readonly leak: Float64Array;
  readonly start: Float64Array;
  readonly partialThreshold: Float64Array;
  readonly mergeWeight: Float64Array;
  readonly mergeThreshold: Float64Array;
  /** Ticks by which this layer's spikes follow the original's. */
  readonly latency: number;
  readonly stats: LayerStats;
}

function param(pop: NeuronPopulation, name: string, i: number): number {
  const per = pop.perNeuron[name];
  return per ? per[i]! : pop.params[name]!;
}

/** The dense weight matrix (pre-major); repeats of one pair summed. */
function denseWeights(net: Network, layer: DeployLayer, nPre: number, nPost: number) {
  checkAllocation(nPre * nPost * 9, `TrueNorth deployment of a ${nPre} × ${nPost} layer`);
  const p = net.projections[layer.projection]!;
  const w = new Float64Array(nPre * nPost);
  for (let i = 0; i < nPre; i++) {
    for (let s = p.rowStart[i]!; s < p.rowStart[i + 1]!; s++)
      w[i * nPost + p.targets[s]!]! += p.weights[s]!;
  }
  return w;
}

/** ω ≤ 255 and α_m with ω/α_m closest to ρ (thresholds per partial spike); ties to the larger ω. */
export function mergeRatio(rho: number): { omega: number; alpha: number; error: number } {
  let best = { omega: 1, alpha: 1, error: Number.POSITIVE_INFINITY };
  for (let omega = TRUENORTH_WEIGHT_MAX; omega >= 1; omega--) {
    const alpha = Math.round(omega / rho);
    if (alpha < 1 || alpha > TRUENORTH_V_MAX) continue;
    const error = Math.abs(omega / alpha - rho) / rho;
    if (error < best.error) best = { omega, alpha, error };
  }
  return best;
}

/** Partial quantum A_j (units): the most one group (with the bias on the first) adds or removes in a tick. */
function partialQuantum(
  codes: Int8Array,
  j: number,
  nPre: number,
  nPost: number,
  groupSize: number,
  q: number,
  leak: number,
): number {
  let worst = 0;
  for (let g0 = 0; g0 < nPre; g0 += groupSize) {
    let pos = g0 === 0 ? Math.max(leak, 0) : 0;
    let neg = g0 === 0 ? Math.max(-leak, 0) : 0;
    for (let i = g0; i < Math.min(nPre, g0 + groupSize); i++) {
      const n = codes[i * nPost + j]! * q;
      if (n > 0) pos += n;
      else neg -= n;
    }
    worst = Math.max(worst, pos, neg);
  }
  return Math.max(1, worst);
}

export function planLayer(
  net: Network,
  layer: DeployLayer,
  bits: number,
  cap: LayerCapacity,
  inputLatency: number,
): LayerPlan {
  const pre = net.populations[layer.pre]!;
  const post = net.populations[layer.post] as NeuronPopulation;
  const nPre = pre.size;
  const nPost = post.size;
  const code = weightCode(bits);
  const groupSize = Math.floor(cap.axonsPerCore / bits);
  const groups = Math.ceil(nPre / groupSize);
  const split = groups > 1;
  if (split && 2 * groups > cap.axonsPerCore) {
    throw new SpikelabError(
      'CONSTRAINT_VIOLATION',
      `IBM TrueNorth deployment: population '${post.label}' has fan-in ${nPre}, split into ${groups} groups of ${groupSize} inputs (${bits} axon copies each); its merge neurons need ${2 * groups} axons; allowed: at most ${cap.axonsPerCore} (one merge level)`,
    );
  }
  const postsPerCore = split ? Math.floor(cap.neuronsPerCore / 2) : cap.neuronsPerCore;
  const w = denseWeights(net, layer, nPre, nPost);
  const codes = new Int8Array(nPre * nPost);
  const unit = new Int32Array(nPost);
  const threshold = new Float64Array(nPost);
  const leak = new Float64Array(nPost);
  const start = new Float64Array(nPost);
  const partialThreshold = new Float64Array(nPost);
  const mergeWeight = new Float64Array(nPost);
  const mergeThreshold = new Float64Array(nPost);
  const arrival = inputLatency + 1;
  let synapses = 0;
  let sq = 0;
  let wsq = 0;
  let maxErr = 0;
  let clipped = 0;
  let bitsSet = 0;
  let thetaErr = 0;
  let biasErr = 0;
  let ratioErr = 0;
  let quantumSum = 0;
  let quantumMax = 0;
  let held = 0;
  for (let j = 0; j < nPost; j++) {
    const vReset = param(post, 'vReset', j);
    const theta = param(post, 'vThresh', j) - vReset;
    const bias = (net.dt * post.iOffset[j]!) / param(post, 'cm', j);
    let step = chooseStep(w, j, nPre * nPost, nPost, code);
    let q = code.unit;
    let s = step > 0 ? q / step : 1024 / theta;
    if (theta * s > THRESHOLD_CAP) {
      s = THRESHOLD_CAP / theta;
      q = Math.max(1, Math.round(s * step));
      if (step > 0) step = q / s;
    }
    unit[j] = q;
    for (let i = 0; i < nPre; i++) {
      const x = w[i * nPost + j]!;
      if (x === 0) continue;
      const n = step > 0 ? quantise(x, step, code) : 0;
      if (step > 0 && Math.round(x / step) !== n) clipped++;
      codes[i * nPost + j] = n;
      const err = n * step - x;
      synapses++;
      sq += err * err;
      wsq += x * x;
      maxErr = Math.max(maxErr, Math.abs(err));
      let m = codeMask(n, bits);
      while (m) {
        bitsSet += split ? 2 : 1;
        m &= m - 1;
      }
    }
    const alpha = Math.max(1, Math.round(theta * s));
    thetaErr = Math.max(thetaErr, Math.abs(alpha - theta * s) / (theta * s));
    const lambda = Math.round(bias * s);
    biasErr = Math.max(biasErr, Math.abs(lambda / s - bias));
    let v0 = Math.round((post.initial[0]![j]! - vReset) * s) - lambda * arrival;
    if (v0 >= alpha) {
      v0 = alpha - 1;
      held++;
    }
    threshold[j] = alpha;
    leak[j] = lambda;
    start[j] = Math.max(-TRUENORTH_V_MAX, v0);
    if (split) {
      const a = partialQuantum(codes, j, nPre, nPost, groupSize, q, lambda);
      const r = mergeRatio(a / alpha);
      partialThreshold[j] = a;
      mergeWeight[j] = r.omega;
      mergeThreshold[j] = r.alpha;
      ratioErr = Math.max(ratioErr, r.error);
      quantumSum += a / alpha;
      quantumMax = Math.max(quantumMax, a / alpha);
    }
  }
  const rms = synapses > 0 ? Math.sqrt(sq / synapses) : 0;
  const wrms = synapses > 0 ? Math.sqrt(wsq / synapses) : 0;
  return {
    layer,
    label: post.label,
    nPre,
    nPost,
    code,
    groupSize,
    groups,
    split,
    codes,
    postsPerCore,
    chunks: Math.ceil(nPost / postsPerCore),
    mergesPerCore: split
      ? Math.min(cap.neuronsPerCore, Math.floor(cap.axonsPerCore / (2 * groups)))
      : 0,
    unit,
    threshold,
    leak,
    start,
    partialThreshold,
    mergeWeight,
    mergeThreshold,
    latency: arrival + (split ? 1 : 0),
    stats: {
      synapses,
      rmsError: rms,
      relativeRmsError: wrms > 0 ? rms / wrms : 0,
      maxAbsError: maxErr,
      clipped,
      crossbarBits: bitsSet,
      thresholdRelativeError: thetaErr,
      biasError: biasErr,
      mergeRatioError: ratioErr,
      partialQuantum: { mean: split ? quantumSum / nPost : 0, max: quantumMax },
      startsHeld: held,
    },
  };
}
