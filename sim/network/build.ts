/**
 * NetworkSpec → Network. Checks everything it can before allocating: sizes,
 * references, parameters, delay range, and the bytes the connectivity will
 * need (estimated from the connector parameters) against a memory budget.
 */
import { invalid, unknownName } from '../../src/core/errors.ts';
import {
  checkAllocation,
  checkArrayLength,
  DEFAULT_MEMORY_BUDGET_BYTES,
} from '../../src/core/memory.ts';
import { Rng } from '../../src/core/rng.ts';
import { neuronModels } from '../neurons/index.ts';
import type { NeuronModel } from '../neurons/types.ts';
import { connect, connectorCarriesWeights, estimateSynapses } from './connectors.ts';
import type { DelayArray, Network, Population, Projection } from './network.ts';
import { projectionBytes } from './network.ts';
import { buildPopulation } from './populations.ts';
import { MAX_DT, MIN_DT, type NetworkSpec, type ProjectionSpec } from './spec.ts';
import { fillValues, valueBounds } from './values.ts';

export interface BuildOptions {
  /** Refuse networks whose connectivity would need more (default 4 GB). */
  memoryBudgetBytes?: number;
}

/** Largest delay in ticks (Uint16 storage). */
export const MAX_DELAY_TICKS = 65535;

/** Index of a population given by label or index; names the field when there is none. */
function populationIndex(ref: string | number, labels: readonly string[], field: string): number {
  const i = typeof ref === 'number' ? ref : labels.indexOf(ref);
  if (typeof ref === 'string' && i < 0) throw unknownName(field, ref, labels);
  if (!(Number.isInteger(i) && i >= 0 && i < labels.length)) {
    throw invalid(field, ref, `a population index in [0, ${labels.length - 1}] or a label`);
  }
  return i;
}

function delayTickRange(s: ProjectionSpec, dt: number, field: string): [number, number] {
  const c = s.connector;
  const carried = (c.type === 'fromList' || c.type === 'csr') && c.delays;
  if (carried && s.delay !== undefined) {
    throw invalid(`${field}.delay`, s.delay, 'nothing: the connector carries the delays');
  }
  if (!carried && s.delay === undefined) {
    throw invalid(
      `${field}.delay`,
      undefined,
      'a delay in ms (a number, an array or a distribution)',
    );
  }
  const [lo, hi] = carried
    ? valueBounds(carried, `${field}.connector.delays`)
    : valueBounds(s.delay!, `${field}.delay`);
  const tLo = Math.round(lo / dt);
  const tHi = Math.round(hi / dt);
  if (!(tLo >= 1)) {
    throw invalid(`${field}.delay`, lo, `delays ≥ one tick (dt = ${dt} ms)`);
  }
  if (!(tHi <= MAX_DELAY_TICKS)) {
    throw invalid(
      `${field}.delay`,
      hi,
      `delays ≤ ${MAX_DELAY_TICKS} ticks (${MAX_DELAY_TICKS * dt} ms at dt ${dt} ms)`,
    );
  }
  return [tLo, tHi];
}

/** Bytes of connectivity per synapse: target (4) + weight (4) + delay (1 or 2). */
export function bytesPerSynapse(maxDelayTicks: number): number {
  return 8 + (maxDelayTicks > 255 ? 2 : 1);
}

function buildProjection(
  s: ProjectionSpec,
  k: number,
  net: NetworkSpec,
  pops: Population[],
  root: Rng,
  maxDelay: number,
): Projection {
  const field = `projections.${k}`;
  const labels = pops.map((p) => p.label);
  const pre = populationIndex(s.pre, labels, `${field}.pre`);
  const post = populationIndex(s.post, labels, `${field}.post`);
  const prePop = pops[pre]!;
  const postPop = pops[post]!;
  if (postPop.kind !== 'neuron') {
    throw invalid(`${field}.post`, s.post, 'a population of neurons (spike sources take no input)');
  }
  const rng = s.seed !== undefined ? new Rng(s.seed) : root.derive(`projection/${k}`);
  const csr = connect(
    s.connector,
    prePop.size,
    postPop.size,
    pre === post,
    rng.derive('connect'),
    `${field}.connector`,
  );
  const m = csr.targets.length;
  let weights: Float32Array;
  if (csr.weights) {
    if (s.weight !== undefined)
      throw invalid(`${field}.weight`, s.weight, 'nothing: the connector carries the weights');
    weights = csr.weights;
    for (let i = 0; i < m; i++) {
      if (!Number.isFinite(weights[i]!))
        throw invalid(
          `${field}.connector.weights[${i}]`,
          weights[i],
          'a finite weight',
          'NOT_FINITE',
        );
    }
  } else {
    if (s.weight === undefined)
      throw invalid(`${field}.weight`, undefined, 'a weight (number, array or distribution)');
    weights = fillValues(s.weight, new Float32Array(m), rng.derive('weight'), `${field}.weight`);
  }
  checkWeightsFor(postPop.neuron, weights, `${field}.weight`);
  const channels = synapseChannels(s, m, postPop.neuron, rng, field);
  const delays: DelayArray = maxDelay > 255 ? new Uint16Array(m) : new Uint8Array(m);
  let uniformDelay = 0;
  const dt = net.dt;
  if (csr.delaysMs === undefined && typeof s.delay === 'number') {
    uniformDelay = Math.round(s.delay / dt);
    delays.fill(uniformDelay);
  } else {
    const ms =
      csr.delaysMs ??
      fillValues(s.delay!, new Float32Array(m), rng.derive('delay'), `${field}.delay`);
    let first = -1;
    let same = true;
    for (let i = 0; i < m; i++) {
      const t = Math.round(ms[i]! / dt);
      if (!(t >= 1 && t <= MAX_DELAY_TICKS))
        throw invalid(
          `${field}.delay[${i}]`,
          ms[i],
          `a delay of 1..${MAX_DELAY_TICKS} ticks (dt = ${dt} ms)`,
        );
      delays[i] = t;
      if (first < 0) first = t;
      else if (t !== first) same = false;
    }
    uniformDelay = same && first > 0 ? first : 0;
  }
  let maxD = 0;
  for (let i = 0; i < m; i++) if (delays[i]! > maxD) maxD = delays[i]!;
  let uniformWeight: number | null = m > 0 ? weights[0]! : null;
  for (let i = 1; i < m && uniformWeight !== null; i++)
    if (weights[i] !== uniformWeight) uniformWeight = null;
  return {
    label: s.label ?? `${prePop.label}→${postPop.label}`,
    pre,
    post,
    receptor: s.receptor,
    rowStart: csr.rowStart,
    targets: csr.targets,
    weights,
    delays,
    uniformDelay,
    uniformWeight,
    maxDelay: maxD,
    channels,
  };
}

/** Weights the post model cannot take: negative conductances, fractional event counts. */
function checkWeightsFor(model: NeuronModel, weights: Float32Array, field: string): void {
  if (!model.nonNegativeWeights && !model.integerWeights) return;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (model.nonNegativeWeights && w < 0) {
      const why = model.integerWeights
        ? `${model.name} weights count events; the neuron's own weights set the sign`
        : `${model.name} is conductance-based, the receptor sets the sign`;
      throw invalid(field, Number(w.toPrecision(7)), `≥ 0 (${model.weightUnit}): ${why}`);
    }
    if (model.integerWeights && !Number.isInteger(w)) {
      throw invalid(
        field,
        Number(w.toPrecision(7)),
        `an integer ≥ 0 (${model.weightUnit}): ${model.name} weights count events`,
      );
    }
  }
}

/** Input channel of each synapse for multi-channel post models (TrueNorth axon types); null for the others. */
function synapseChannels(
  s: ProjectionSpec,
  m: number,
  model: NeuronModel,
  rng: Rng,
  field: string,
): Uint8Array | null {
  const n = model.inputChannels ?? 1;
  if (n === 1) {
    if (s.channel !== undefined)
      throw invalid(`${field}.channel`, s.channel, `nothing: ${model.name} has one input channel`);
    return null;
  }
  const given = fillValues(
    s.channel ?? 0,
    new Float32Array(m),
    rng.derive('channel'),
    `${field}.channel`,
  );
  const out = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const c = given[i]!;
    if (!(Number.isInteger(c) && c >= 0 && c < n)) {
      const where = typeof s.channel === 'number' ? `${field}.channel` : `${field}.channel[${i}]`;
      throw invalid(where, c, `an integer in 0…${n - 1} (an input channel of ${model.name})`);
    }
    out[i] = c;
  }
  return out;
}

export function buildNetwork(spec: NetworkSpec, opts: BuildOptions = {}): Network {
  const dt = spec.dt;
  if (!(dt >= MIN_DT && dt <= MAX_DT))
    throw invalid('dt', dt, `a tick in [${MIN_DT}, ${MAX_DT}] ms`);
  const root = new Rng(spec.seed);
  const labels = spec.populations.map((p) => p.label);
  const sizes = spec.populations.map((ps, i) => {
    if (!(Number.isInteger(ps.size) && ps.size >= 1 && ps.size <= 2 ** 31)) {
      throw invalid(`populations.${i}.size`, ps.size, 'an integer in [1, 2^31]');
    }
    if (labels.indexOf(ps.label) !== i) {
      throw invalid(`populations.${i}.label`, ps.label, 'a label not used by another population');
    }
    return ps.size;
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  checkArrayLength(total, 'neurons');
  // Estimate before allocating anything: per-neuron arrays (initial state and
  // currents, at most 6 × 4 bytes; per-neuron parameters add at most 12 float64
  // constants and 11 float32 values) and connectivity from the connector parameters.
  const budget = opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  let bytes = 0;
  for (const ps of spec.populations) {
    const perNeuron = Object.values(('params' in ps && ps.params) || {}).some(
      (v) => typeof v !== 'number',
    );
    bytes += ps.size * (24 + (perNeuron ? 140 : 0));
  }
  let expected = 0;
  let buildBytes = 0;
  const maxDelays = spec.projections.map((s, k) => {
    const field = `projections.${k}`;
    const preIdx = populationIndex(s.pre, labels, `${field}.pre`);
    const postIdx = populationIndex(s.post, labels, `${field}.post`);
    const preN = sizes[preIdx]!;
    const postN = sizes[postIdx]!;
    const [, hi] = delayTickRange(s, dt, field);
    const est = estimateSynapses(s.connector, preN, postN, preIdx === postIdx);
    checkArrayLength(Math.ceil(est.synapses), `${field} synapses`);
    expected += est.synapses;
    // multi-channel post models keep a channel per synapse (1 byte, 4 while drawn)
    const post = spec.populations[postIdx]!;
    const channelBytes = (neuronModels[post.model]?.inputChannels ?? 1) > 1 ? 5 : 0;
    bytes += est.synapses * (bytesPerSynapse(hi) + channelBytes) + (preN + 1) * 4;
    // a projection's temporary arrays live only while it is built: the largest counts
    buildBytes = Math.max(buildBytes, est.synapses * est.buildBytesPerSynapse);
    if (connectorCarriesWeights(s.connector) && s.weight !== undefined) {
      throw invalid(`${field}.weight`, s.weight, 'nothing: the connector carries the weights');
    }
    return hi;
  });
  checkAllocation(
    bytes + buildBytes,
    `a network of ${total.toLocaleString('en-US')} neurons and about ${Math.round(expected).toLocaleString('en-US')} synapses`,
    budget,
  );

  const pops: Population[] = [];
  let offset = 0;
  spec.populations.forEach((ps, i) => {
    pops.push(buildPopulation(ps, offset, dt, root.derive(`population/${i}`), `populations.${i}`));
    offset += ps.size;
  });

  const projections = spec.projections.map((s, k) =>
    buildProjection(s, k, spec, pops, root, maxDelays[k]!),
  );
  let synapses = 0;
  let connectivityBytes = 0;
  for (const p of projections) {
    synapses += p.targets.length;
    connectivityBytes += projectionBytes(p);
  }
  return {
    dt,
    seed: spec.seed,
    populations: pops,
    projections,
    size: offset,
    synapses,
    connectivityBytes,
    spec,
  };
}
