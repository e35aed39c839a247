/**
 * TrueNorth weights: the synapse from axon i to neuron j is w_ij × S_j^{G_i},
 * with w_ij ∈ {0, 1} in the crossbar, G_i ∈ {0..3} the axon's type and S_j a
 * table of four signed 9-bit integers per neuron (Merolla et al. 2014 §S1,
 * §S8). A real-valued network fits this only approximately:
 *
 * 1. Axon types: on each core, the axons of one projection share a type. A
 *    core fed by more than four projections merges the projections whose
 *    mean weights are closest until four groups remain.
 * 2. Weight table: S_j[G] is the mean, over j's axons of type G, of the
 *    weight each axon carries to j (two synapses on the same axon–neuron pair,
 *    which one crossbar bit cannot hold, count as their sum), times `scale`,
 *    rounded and clipped to −256 … 255.
 *
 * The error of every axon–neuron pair (S/scale − original weight) is
 * reported. In `reject` mode any error, clip or merge is an error instead.
 */

import { SpikelabError } from '../../../../src/core/errors.ts';
import {
  TRUENORTH_AXON_TYPES,
  TRUENORTH_MAX_DELAY,
  TRUENORTH_WEIGHT_MAX,
  TRUENORTH_WEIGHT_MIN,
} from '../../../neurons/truenorth/params.ts';
import type { Connectivity } from '../../connectivity.ts';
import { describePopulation, describeProjection, type NetworkShape } from '../../network-shape.ts';

export interface WeightOptions {
  /**
   * Integer units per weight unit; `auto`: 1 if every weight is already a
   * 9-bit integer, else 255 / max |w|. Reject mode changes nothing: `auto` is 1.
   */
  readonly scale?: number | 'auto';
  readonly mode: 'transform' | 'reject';
}

export interface ProjectionError {
  readonly projection: number;
  readonly name: string;
  readonly maxAbsError: number;
  readonly rmsError: number;
}

export interface QuantisationReport {
  readonly scale: number;
  /** Axon–neuron pairs (crossbar bits set). */
  readonly pairs: number;
  readonly maxAbsError: number;
  readonly rmsError: number;
  /** rmsError ÷ RMS of the original pair weights. */
  readonly relativeRmsError: number;
  readonly clipped: number;
  /** Pairs that carried more than one synapse (their weights were summed). */
  readonly multapses: number;
  /** Cores where projections had to share an axon type. */
  readonly coresWithMergedTypes: number;
  readonly perProjection: readonly ProjectionError[];
}

export interface TrueNorthWeights {
  readonly scale: number;
  /** S_j^G: four signed integers per neuron (neuron-major). */
  readonly weightTable: Int16Array;
  /** Axon type of each synapse, in connectivity out-edge order. */
  readonly synapseType: Uint8Array;
  readonly report: QuantisationReport;
}

function weightOf(net: NetworkShape, conn: Connectivity, out: number): number {
  return net.projections[conn.outProjection[out]!]!.weights[conn.outSynapse[out]!]!;
}

function chooseScale(net: NetworkShape, option: WeightOptions['scale']): number {
  if (typeof option === 'number') return option;
  let max = 0;
  let integers = true;
  for (const pr of net.projections) {
    for (const w of pr.weights) {
      max = Math.max(max, Math.abs(w));
      if (!Number.isInteger(w) || w < TRUENORTH_WEIGHT_MIN || w > TRUENORTH_WEIGHT_MAX)
        integers = false;
    }
  }
  if (integers || max === 0) return 1;
  return TRUENORTH_WEIGHT_MAX / max;
}

/** Groups of projections per core, at most four: closest mean weights merged first. */
function axonTypesOfCore(means: Map<number, { sum: number; n: number }>): Map<number, number> {
  const groups = [...means.entries()].map(([k, m]) => ({ members: [k], sum: m.sum, n: m.n }));
  groups.sort((a, b) => a.members[0]! - b.members[0]!);
  while (groups.length > TRUENORTH_AXON_TYPES) {
    let bi = 0;
    let bj = 1;
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        const d = Math.abs(groups[i]!.sum / groups[i]!.n - groups[j]!.sum / groups[j]!.n);
        if (d < best) {
          best = d;
          bi = i;
          bj = j;
        }
      }
    }
    const a = groups[bi]!;
    const b = groups.splice(bj, 1)[0]!;
    a.members.push(...b.members);
    a.sum += b.sum;
    a.n += b.n;
  }
  const type = new Map<number, number>();
  groups.forEach((g, t) => {
    for (const k of g.members) type.set(k, t);
  });
  return type;
}

export function quantiseWeights(
  net: NetworkShape,
  conn: Connectivity,
  coreOf: Int32Array,
  cores: number,
  options: WeightOptions,
): TrueNorthWeights {
  const n = conn.neurons;
  const reject = options.mode === 'reject';
  const scale = reject && options.scale === 'auto' ? 1 : chooseScale(net, options.scale);

  // 1. Axon types per core from the projections that feed it.
  const means: Map<number, { sum: number; n: number }>[] = Array.from(
    { length: cores },
    () => new Map(),
  );
  for (let j = 0; j < n; j++) {
    const m = means[coreOf[j]!]!;
    for (let e = conn.inStart[j]!; e < conn.inStart[j + 1]!; e++) {
      const k = conn.inProjection[e]!;
      const s = m.get(k) ?? { sum: 0, n: 0 };
      s.sum += weightOf(net, conn, conn.inOut[e]!);
      s.n++;
      m.set(k, s);
    }
  }
  let merged = 0;
  const typeOf = means.map((m, c) => {
    if (m.size > TRUENORTH_AXON_TYPES) {
      if (reject) {
        throw new SpikelabError(
          'CONSTRAINT_VIOLATION',
          `IBM TrueNorth: core ${c} is fed by ${m.size} projections (${[...m.keys()].map((k) => describeProjection(net, k)).join(', ')}); allowed: ${TRUENORTH_AXON_TYPES} axon types per core`,
        );
      }
      merged++;
    }
    return axonTypesOfCore(m);
  });

  // 2. Pair weights, weight tables and errors.
  const slots = TRUENORTH_MAX_DELAY + 1;
  const pairStamp = new Int32Array(n * slots);
  const pairW = new Float64Array(n * slots);
  const pairType = new Uint8Array(n * slots);
  const pairSyn = new Uint32Array(n * slots);
  const pairList = new Int32Array(Math.max(1, n * slots));
  const weightTable = new Int16Array(n * TRUENORTH_AXON_TYPES);
  const synapseType = new Uint8Array(conn.synapses);
  const projSq = new Float64Array(net.projections.length);
  const projMax = new Float64Array(net.projections.length);
  const projN = new Float64Array(net.projections.length);
  const sum = new Float64Array(TRUENORTH_AXON_TYPES);
  const cnt = new Float64Array(TRUENORTH_AXON_TYPES);
  let pairs = 0;
  let clipped = 0;
  let multapses = 0;
  let sq = 0;
  let wsq = 0;
  let maxErr = 0;
  // One type per axon of a core: the first projection seen on it decides.
  const axonType: Map<number, number>[] = Array.from({ length: cores }, () => new Map());
  for (let j = 0; j < n; j++) {
    const types = typeOf[coreOf[j]!]!;
    const axons = axonType[coreOf[j]!]!;
    let np = 0;
    for (let e = conn.inStart[j]!; e < conn.inStart[j + 1]!; e++) {
      const key = conn.inSource[e]! * slots + conn.inDelay[e]!;
      const out = conn.inOut[e]!;
      if (pairStamp[key] !== j + 1) {
        pairStamp[key] = j + 1;
        pairW[key] = 0;
        let t = axons.get(key);
        if (t === undefined) {
          t = types.get(conn.inProjection[e]!)!;
          axons.set(key, t);
        }
        pairType[key] = t;
        pairSyn[key] = out;
        pairList[np++] = key;
      } else {
        multapses++;
      }
      pairW[key]! += weightOf(net, conn, out);
      synapseType[out] = pairType[key]!;
    }
    sum.fill(0);
    cnt.fill(0);
    for (let i = 0; i < np; i++) {
      const key = pairList[i]!;
      sum[pairType[key]!]! += pairW[key]!;
      cnt[pairType[key]!]!++;
    }
    for (let t = 0; t < TRUENORTH_AXON_TYPES; t++) {
      if (cnt[t] === 0) continue;
      const raw = Math.round((sum[t]! / cnt[t]!) * scale);
      const q = Math.min(TRUENORTH_WEIGHT_MAX, Math.max(TRUENORTH_WEIGHT_MIN, raw));
      if (q !== raw) clipped += cnt[t]!;
      weightTable[j * TRUENORTH_AXON_TYPES + t] = q;
    }
    for (let i = 0; i < np; i++) {
      const key = pairList[i]!;
      const w = pairW[key]!;
      const err = weightTable[j * TRUENORTH_AXON_TYPES + pairType[key]!]! / scale - w;
      const k = conn.outProjection[pairSyn[key]!]!;
      if (reject && err !== 0) {
        const pop = conn.populationOf[j]!;
        throw new SpikelabError(
          'CONSTRAINT_VIOLATION',
          `IBM TrueNorth: ${describeProjection(net, k)} gives neuron ${j - net.populations[pop]!.offset} of ${describePopulation(net, pop)} a weight ${w} that its axon-type table cannot hold exactly (nearest ${weightTable[j * TRUENORTH_AXON_TYPES + pairType[key]!]}); allowed: integers in ${TRUENORTH_WEIGHT_MIN}…${TRUENORTH_WEIGHT_MAX}, one value per axon type and neuron`,
        );
      }
      sq += err * err;
      wsq += w * w;
      maxErr = Math.max(maxErr, Math.abs(err));
      projSq[k]! += err * err;
      projN[k]!++;
      projMax[k] = Math.max(projMax[k]!, Math.abs(err));
    }
    pairs += np;
  }
  if (reject && (clipped > 0 || multapses > 0)) {
    throw new SpikelabError(
      'CONSTRAINT_VIOLATION',
      `IBM TrueNorth: ${clipped} weights outside ${TRUENORTH_WEIGHT_MIN}…${TRUENORTH_WEIGHT_MAX} and ${multapses} repeated axon–neuron synapses; allowed: none in reject mode`,
    );
  }
  const rms = pairs > 0 ? Math.sqrt(sq / pairs) : 0;
  const wrms = pairs > 0 ? Math.sqrt(wsq / pairs) : 0;
  return {
    scale,
    weightTable,
    synapseType,
    report: {
      scale,
      pairs,
      maxAbsError: maxErr,
      rmsError: rms,
      relativeRmsError: wrms > 0 ? rms / wrms : 0,
      clipped,
      multapses,
      coresWithMergedTypes: merged,
      perProjection: net.projections.map((_, k) => ({
        projection: k,
        name: describeProjection(net, k),
        maxAbsError: projMax[k]!,
        rmsError: projN[k]! > 0 ? Math.sqrt(projSq[k]! / projN[k]!) : 0,
      })),
    },
  };
}
