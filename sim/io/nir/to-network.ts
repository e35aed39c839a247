/**
 * A NIR graph as an engine network. Neuron nodes become populations under
 * their NIR names, Input nodes spike sources; the weight nodes between two
 * populations fold into one CSR projection (weights are not populations).
 *
 * Time alignment. The frameworks pass a spike through a whole feed-forward
 * chain within one step; the engine's projections take at least one tick.
 * Each population P therefore runs `latency(P)` ticks behind the frameworks
 * (the longest feed-forward path from an Input, in projections): engine
 * tick t of P is framework step t − latency(P). A projection P → Q gets the
 * delay latency(Q) − latency(P), so paths of different length meet in the
 * same step; an edge that closes a cycle (snnTorch's recurrent weights, fed
 * with the previous step's spikes) gets latency(Q) − latency(P) + 1. A NIR
 * Delay adds round(delay / dt) ticks. Constant inputs (biases, input
 * currents) start at tick latency(P), the population's step 0.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import { DEFAULT_MEMORY_BUDGET_BYTES } from '../../../src/core/memory.ts';
import type {
  NetworkSpec,
  PopulationSpec,
  ProjectionSpec,
  StepCurrentSpec,
} from '../../network/spec.ts';
import { type FlatGraph, flattenGraph, NEURON_TYPES, NON_SPIKING, successors } from './flatten.ts';
import type { NirFile } from './graph.ts';
import { applyToVector, type Csr, compose } from './linear-map.ts';
import { mapNeurons, type NirIntegrator } from './neuron-params.ts';
import { type ShapedGraph, shapeGraph } from './shapes.ts';

export interface NirToNetworkOptions {
  /** Tick length in seconds (NIR's unit of time). */
  dt: number;
  integrator?: NirIntegrator;
  /** Per input element (all Input nodes in file order, concatenated): the steps with a spike. */
  inputSpikes?: ArrayLike<number>[];
  /** Per input element: a constant value every step, instead of spikes. */
  inputCurrent?: ArrayLike<number>;
  seed?: number;
  memoryBudgetBytes?: number;
  /**
   * Constant inputs from each population's step 0 (tick latency(P), the
   * frameworks' alignment; the default) or from tick 0 (the engine's own
   * convention, which files written by spikelab record in their metadata
   * as `constants_from: "tick 0"`).
   */
  constantsFromTick0?: boolean;
  /**
   * The engine tick (ms) each step runs on, default dt: a neuromorphic
   * platform runs one step per tick of its own (1 ms on TrueNorth and
   * SpiNNaker) whatever dt the dynamics were discretised at.
   */
  tickMs?: number;
}

export interface NirPopulation {
  /** The NIR node name, also the engine population's label. */
  name: string;
  type: string;
  size: number;
  spiking: boolean;
  /** Ticks the population runs behind the frameworks' step. */
  latencyTicks: number;
}

export interface NirNetwork {
  spec: NetworkSpec;
  populations: NirPopulation[];
  inputs: { name: string; size: number }[];
  /** Output node → the population it reads. */
  outputs: { name: string; population: string }[];
  /**
   * Under an input current: the populations each Input feeds, and the factor
   * from an input value to their iOffset when the path is one uniform scale
   * (Identity, Flatten, Scale) onto a population of equal size, else null.
   */
  inputFeeds: { input: string; population: string; gain: number | null }[];
  dt: number;
  integrator: NirIntegrator;
  version: string;
}

interface Contribution {
  pre: string;
  post: string;
  /** By extra delay (ticks): the folded matrix, rows = pre neurons, columns = post neurons. */
  layers: Map<number, Csr>;
}

const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
const isPopulation = (g: FlatGraph, n: string) =>
  g.inputs.includes(n) || NEURON_TYPES.has(g.nodes.get(n)!.type);

function splitByDelay(m: Csr, ticks: Int32Array, base: number): Map<number, Csr> {
  const out = new Map<number, Csr>();
  for (const d of new Set(ticks)) {
    const rowStart = new Uint32Array(m.rows + 1);
    const cols: number[] = [];
    const values: number[] = [];
    for (let r = 0; r < m.rows; r++) {
      for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) {
        if (ticks[m.cols_[k]!] !== d) continue;
        cols.push(m.cols_[k]!);
        values.push(m.values[k]!);
      }
      rowStart[r + 1] = cols.length;
    }
    out.set(base + d, {
      rows: m.rows,
      cols: m.cols,
      rowStart,
      cols_: Uint32Array.from(cols),
      values: Float64Array.from(values),
    });
  }
  return out;
}

/** Every population reached from `source` through weight nodes only, with the folded matrices. */
function contributions(
  g: ShapedGraph,
  source: string,
  dt: number,
  budget: number,
  readouts: { name: string; population: string }[],
): Contribution[] {
  const succ = successors(g);
  const found: Contribution[] = [];
  const n = count(g.shapes.get(source)!);
  const start = new Map([
    [
      0,
      {
        rows: n,
        cols: n,
        rowStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
        cols_: Uint32Array.from({ length: n }, (_, i) => i),
        values: new Float64Array(n).fill(1),
      },
    ],
  ]);
  const walk = (node: string, layers: Map<number, Csr>, path: string[]) => {
    for (const next of succ.get(node)!) {
      if (isPopulation(g, next)) {
        if (g.inputs.includes(next))
          throw new SpikelabError(
            'INVALID_FILE',
            `edge ${node} → ${next}: an edge into an Input node`,
          );
        found.push({ pre: source, post: next, layers });
        continue;
      }
      if (g.outputs.includes(next)) {
        const op = path.find((p) => g.nodes.get(p)!.type !== 'Identity');
        if (op)
          throw new SpikelabError(
            'NOT_APPLICABLE',
            `Output ${next} reads ${source} through ${op} (${g.nodes.get(op)!.type}), a weight node: spikelab reads out neuron populations only`,
          );
        readouts.push({ name: next, population: source });
        continue;
      }
      if (path.includes(next))
        throw new SpikelabError(
          'INVALID_FILE',
          `a cycle of weight nodes without a neuron: ${[...path, next].join(' → ')}`,
        );
      const op = g.ops.get(next)!;
      let out = new Map<number, Csr>();
      for (const [d, m] of layers)
        out.set(d, compose(m, op, `projection ${source} → … → ${next}`, budget));
      const node_ = g.nodes.get(next)!;
      if (node_.type === 'Delay') {
        const delay = node_.params.delay!.data;
        const ticks = Int32Array.from({ length: op.cols }, (_, i) =>
          Math.round((delay.length === 1 ? delay[0]! : delay[i]!) / dt),
        );
        const split = new Map<number, Csr>();
        for (const [d, m] of out)
          for (const [d2, m2] of splitByDelay(m, ticks, d)) split.set(d2, m2);
        out = split;
      }
      walk(next, out, [...path, next]);
    }
  };
  walk(source, start, []);
  return found;
}

/** A constant vector leaving `from` (a bias, an input current), carried to the populations it reaches. */
function carry(
  g: ShapedGraph,
  from: string,
  x: Float64Array,
  into: Map<string, Float64Array>,
): void {
  const succ = successors(g);
  for (const next of succ.get(from)!) {
    if (isPopulation(g, next)) {
      const acc = into.get(next) ?? new Float64Array(count(g.shapes.get(next)!));
      for (let i = 0; i < acc.length; i++) acc[i]! += x[i]!;
      into.set(next, acc);
    } else if (!g.outputs.includes(next)) {
      carry(g, next, applyToVector(x, g.ops.get(next)!), into);
    }
  }
}

/** Longest feed-forward path (in projections) from an Input; edges closing a cycle found by DFS are recurrent. */
export function latencies<E extends { pre: string; post: string }>(
  pops: string[],
  inputs: string[],
  edges: E[],
): { latency: Map<string, number>; back: Set<E> } {
  const out = new Map<string, E[]>(pops.map((p) => [p, []]));
  for (const e of edges) out.get(e.pre)!.push(e);
  const state = new Map<string, 1 | 2>();
  const back = new Set<E>();
  const order: string[] = [];
  const visit = (p: string) => {
    state.set(p, 1);
    for (const e of out.get(p)!) {
      const s = state.get(e.post);
      if (s === 1) back.add(e);
      else if (s === undefined) visit(e.post);
    }
    state.set(p, 2);
    order.push(p);
  };
  for (const p of [...inputs, ...pops]) if (!state.has(p)) visit(p);
  const latency = new Map<string, number>(pops.map((p) => [p, inputs.includes(p) ? 0 : 1]));
  for (const p of order.reverse()) {
    for (const e of out.get(p)!) {
      if (!back.has(e)) latency.set(e.post, Math.max(latency.get(e.post)!, latency.get(p)! + 1));
    }
  }
  return { latency, back };
}

/** s when the folded map is s times the identity (and the input factor one value), else null. */
function uniformGain(layers: Map<number, Csr>, inFactor: Float64Array): number | null {
  const m = layers.get(0);
  if (layers.size !== 1 || !m || m.rows !== m.cols || m.values.length !== m.rows) return null;
  for (let r = 0; r < m.rows; r++) {
    if (
      m.rowStart[r] !== r ||
      m.cols_[r] !== r ||
      m.values[r] !== m.values[0] ||
      inFactor[r] !== inFactor[0]
    )
      return null;
  }
  return m.values[0]! * inFactor[0]!;
}

export function nirToNetwork(file: NirFile, opts: NirToNetworkOptions): NirNetwork {
  const dt = opts.dt;
  // the engine tick one step runs on: dt itself, or a platform's tick (map)
  const dtMs = opts.tickMs ?? dt * 1000;
  const integrator = opts.integrator ?? 'exact';
  const budget = opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  const fromTick0 = opts.constantsFromTick0 ?? file.graph.metadata?.constants_from === 'tick 0';
  const g = shapeGraph(flattenGraph(file.graph), budget);
  // under an input current the Input nodes carry constants, not spikes: no source population
  const pops = [...g.nodes.keys()].filter(
    (n) => isPopulation(g, n) && !(opts.inputCurrent && g.inputs.includes(n)),
  );
  const succ = successors(g);
  for (const p of pops) {
    const type = g.nodes.get(p)!.type;
    const fed = succ.get(p)!.filter((s) => !g.outputs.includes(s));
    if (NON_SPIKING.has(type) && fed.length > 0)
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `node ${p} (${type}) feeds ${fed.join(', ')}, but ${type} does not spike and engine projections carry spikes; allowed: ${type} as a readout (edges to Output only)`,
      );
  }
  const outputs: { name: string; population: string }[] = [];
  const edges = pops.flatMap((p) => contributions(g, p, dt, budget, outputs));
  const { latency, back } = latencies(
    pops,
    g.inputs.filter((i) => pops.includes(i)),
    edges,
  );
  const mapped = new Map(
    pops
      .filter((p) => !g.inputs.includes(p))
      .map((p) => [p, mapNeurons(p, g.nodes.get(p)!, count(g.shapes.get(p)!), dt, integrator)]),
  );
  // constant inputs: biases of weight nodes, and the input current when given
  const constant = new Map<string, Float64Array>();
  for (const [op, b] of g.biases) carry(g, op, b, constant);
  let offset = 0;
  const inputSizes = g.inputs.map((name) => ({ name, size: count(g.shapes.get(name)!) }));
  const totalIn = inputSizes.reduce((a, b) => a + b.size, 0);
  for (const [what, arr] of [
    ['inputCurrent', opts.inputCurrent],
    ['inputSpikes', opts.inputSpikes],
  ] as const) {
    if (arr && arr.length !== totalIn)
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `${what}: ${arr.length} values for ${totalIn} input elements (${inputSizes.map((i) => `${i.name}: ${i.size}`).join(', ')})`,
      );
  }
  if (opts.inputCurrent) {
    for (const { name, size } of inputSizes) {
      carry(
        g,
        name,
        Float64Array.from({ length: size }, (_, i) => opts.inputCurrent![offset + i]!),
        constant,
      );
      offset += size;
    }
  }
  offset = 0;
  const populations: PopulationSpec[] = [];
  for (const name of pops) {
    const size = count(g.shapes.get(name)!);
    if (g.inputs.includes(name)) {
      const spikes = Array.from({ length: size }, (_, i) =>
        Array.from(opts.inputSpikes?.[offset + i] ?? [], (t) => t * dtMs),
      );
      offset += size;
      populations.push({
        label: name,
        size,
        model: 'SpikeSourceArray',
        params: { spikeTimes: spikes },
      });
      continue;
    }
    const m = mapped.get(name)!;
    const c = constant.get(name);
    const stepCurrents: StepCurrentSpec[] = [];
    if (c && fromTick0) {
      populations.push({
        label: name,
        size,
        model: m.model,
        params: m.params,
        iOffset: c.map((x, i) => Math.fround(x * m.inFactor[i]!)),
      });
      continue;
    }
    if (c) {
      const byValue = new Map<number, number[]>();
      c.forEach((x, i) => {
        const v = Math.fround(x * m.inFactor[i]!);
        if (v !== 0) byValue.set(v, [...(byValue.get(v) ?? []), i]);
      });
      const t0 = latency.get(name)! * dtMs;
      for (const [v, neurons] of byValue)
        stepCurrents.push({
          times: [t0],
          amplitudes: [v],
          ...(neurons.length < size && { neurons }),
        });
    }
    populations.push({
      label: name,
      size,
      model: m.model,
      params: m.params,
      ...(stepCurrents.length > 0 && { stepCurrents }),
    });
  }
  const projections: ProjectionSpec[] = [];
  for (const e of edges) {
    const base = latency.get(e.post)! - latency.get(e.pre)! + (back.has(e) ? 1 : 0);
    const f = mapped.get(e.post)!.inFactor;
    for (const [extra, m] of e.layers) {
      if (m.values.length === 0) continue;
      projections.push({
        label: `${e.pre}→${e.post}${extra > 0 ? ` +${extra}` : ''}`,
        pre: e.pre,
        post: e.post,
        connector: {
          type: 'csr',
          rowStart: m.rowStart,
          targets: m.cols_,
          weights: m.values.map((w, k) => w * f[m.cols_[k]!]!),
        },
        delay: (base + extra) * dtMs,
        receptor: 'excitatory',
      });
    }
  }
  const inputFeeds = opts.inputCurrent
    ? g.inputs.flatMap((input) =>
        contributions(g, input, dt, budget, []).map((c) => ({
          input,
          population: c.post,
          gain: uniformGain(c.layers, mapped.get(c.post)!.inFactor),
        })),
      )
    : [];
  return {
    inputFeeds,
    spec: {
      schemaVersion: 1,
      dt: dtMs,
      seed: opts.seed ?? 1,
      populations,
      projections,
      meta: { nir: { version: file.version, dt, integrator } },
    },
    populations: pops.map((name) => ({
      name,
      type: g.nodes.get(name)!.type,
      size: count(g.shapes.get(name)!),
      spiking: !NON_SPIKING.has(g.nodes.get(name)!.type),
      latencyTicks: latency.get(name)!,
    })),
    inputs: inputSizes,
    outputs,
    dt,
    integrator,
    version: file.version,
  };
}
