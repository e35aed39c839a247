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
import { flattenGraph, NON_SPIKING, successors } from './flatten.ts';
import { carry, contributions, count, isPopulation, uniformGain } from './fold.ts';
import type { NirFile } from './graph.ts';
import { latencies } from './latency.ts';
import { mapNeurons, type NirIntegrator } from './neuron-params.ts';
import { shapeGraph } from './shapes.ts';

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
