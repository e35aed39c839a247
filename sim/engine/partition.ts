/**
 * A network split over threads by neurons, as NEST and Brian2 split it:
 * each neuron population is cut into contiguous shares at DRIVE_BLOCK
 * boundaries, and each thread holds its shares' state, their ring buffers
 * and the synapses *into* them (every projection's CSR filtered to its
 * targets). Source populations are whole in every share: each thread draws
 * the same source spikes from the same stream, and only share 0's count.
 *
 * A share is itself a Network: its neuron populations are slices whose
 * spikes keep their global ids (offset = the population's offset + the
 * slice's start), so a Simulator runs it unchanged with the whole network's
 * `preOffsets`. Delivery order into every input slot is the whole
 * network's (spikes by tick, projection, then id; synapses in row order),
 * and the Poisson drive draws per block, so a share gives its neurons the
 * same spikes bit for bit whatever the number of threads.
 */
import { invalid } from '../../src/core/errors.ts';
import type {
  Network,
  NeuronPopulation,
  Population,
  Projection,
  StepCurrentEvents,
} from '../network/network.ts';
import { projectionBytes } from '../network/network.ts';
import { DRIVE_BLOCK } from './runtime.ts';

/** Models whose kernels draw from a per-population stream (state.rng): their draws cannot be split. */
const UNSPLITTABLE_MODELS = new Set(['TrueNorth']);

/** For each share, the [start, end) of each population it holds (sources: the whole population). */
export type PartitionPlan = readonly (readonly [number, number])[][];

/** Why `net` cannot be split over threads, or null when it can. */
export function unsplittable(net: Pick<Network, 'populations'>): string | null {
  const p = net.populations.find((q) => q.kind === 'neuron' && UNSPLITTABLE_MODELS.has(q.model));
  return p
    ? `population ${p.label} (${p.model}) draws from one random stream per population`
    : null;
}

/**
 * Each neuron population's blocks spread evenly over `threads` shares (a
 * population of fewer blocks than threads leaves some shares without it).
 */
export function planPartition(net: Pick<Network, 'populations'>, threads: number): PartitionPlan {
  if (!(Number.isInteger(threads) && threads >= 1))
    throw invalid('threads', threads, 'an integer ≥ 1');
  return Array.from({ length: threads }, (_, k) =>
    net.populations.map((p): [number, number] => {
      if (p.kind !== 'neuron') return [0, p.size];
      const blocks = Math.ceil(p.size / DRIVE_BLOCK);
      const from = Math.floor((k * blocks) / threads) * DRIVE_BLOCK;
      const to = Math.floor(((k + 1) * blocks) / threads) * DRIVE_BLOCK;
      return [Math.min(from, p.size), Math.min(to, p.size)];
    }),
  );
}

function sliceSteps(
  ev: StepCurrentEvents | null,
  from: number,
  to: number,
): StepCurrentEvents | null {
  if (ev === null) return null;
  const ticks: number[] = [];
  const deltas: number[] = [];
  const starts = [0];
  const neurons: number[] = [];
  for (let k = 0; k < ev.ticks.length; k++) {
    const a = ev.neuronStart[k]!;
    const b = ev.neuronStart[k + 1]!;
    const before = neurons.length;
    for (let j = a; j < b; j++) {
      const i = ev.neurons[j]!;
      if (i >= from && i < to) neurons.push(i - from);
    }
    // an empty list means "every neuron": keep it only where the event was one for all
    if (a !== b && neurons.length === before) continue;
    ticks.push(ev.ticks[k]!);
    deltas.push(ev.deltas[k]!);
    starts.push(neurons.length);
  }
  return {
    ticks: Uint32Array.from(ticks),
    deltas: Float64Array.from(deltas),
    neuronStart: Uint32Array.from(starts),
    neurons: Uint32Array.from(neurons),
  };
}

function slicePopulation(p: NeuronPopulation, from: number, to: number): NeuronPopulation {
  const perNeuron: Record<string, Float32Array> = {};
  for (const [k, v] of Object.entries(p.perNeuron)) perNeuron[k] = v.slice(from, to);
  return {
    ...p,
    size: to - from,
    offset: p.offset + from,
    sliceStart: from,
    perNeuron,
    consts: p.constStride > 0 ? p.consts.slice(from * p.constStride, to * p.constStride) : p.consts,
    initial: p.initial.map((a) => a.slice(from, to)),
    iOffset: p.iOffset.slice(from, to),
    stepCurrents: sliceSteps(p.stepCurrents, from, to),
  };
}

/** The synapses of `p` into post-local targets [from, to), renumbered from `from`, rows kept. */
export function filterProjection(p: Projection, from: number, to: number): Projection {
  const rows = p.rowStart.length - 1;
  let kept = 0;
  for (let s = 0; s < p.targets.length; s++)
    if (p.targets[s]! >= from && p.targets[s]! < to) kept++;
  const rowStart = new Uint32Array(rows + 1);
  const targets = new Uint32Array(kept);
  const weights = new Float32Array(kept);
  const delays = new (p.delays.constructor as Uint8ArrayConstructor)(kept);
  const channels = p.channels ? new Uint8Array(kept) : null;
  let k = 0;
  for (let r = 0; r < rows; r++) {
    for (let s = p.rowStart[r]!; s < p.rowStart[r + 1]!; s++) {
      const t = p.targets[s]!;
      if (t < from || t >= to) continue;
      targets[k] = t - from;
      weights[k] = p.weights[s]!;
      delays[k] = p.delays[s]!;
      if (channels) channels[k] = p.channels![s]!;
      k++;
    }
    rowStart[r + 1] = k;
  }
  // uniform delay, uniform weight and the largest delay stay the whole projection's, so every
  // share picks the same ring-buffer sizes and delivery paths as the whole network
  return { ...p, rowStart, targets, weights, delays, channels };
}

/** Share `k` of `net` under `plan`, with the whole network's `preOffsets` for its Simulator. */
export function partitionNetwork(
  net: Network,
  plan: PartitionPlan,
  k: number,
): { network: Network; preOffsets: number[] } {
  const ranges = plan[k]!;
  const populations: Population[] = net.populations.map((p, i) => {
    if (p.kind !== 'neuron') return p;
    const [from, to] = ranges[i]!;
    return slicePopulation(p, from, to);
  });
  const projections = net.projections.map((p) => {
    const [from, to] = ranges[p.post]!;
    return filterProjection(p, from, to);
  });
  return {
    network: {
      ...net,
      populations,
      projections,
      synapses: projections.reduce((s, p) => s + p.targets.length, 0),
      connectivityBytes: projections.reduce((s, p) => s + projectionBytes(p), 0),
    },
    preOffsets: net.populations.map((p) => p.offset),
  };
}
