/**
 * An engine network as a NIR graph, the inverse of to-network.ts at the
 * network's own tick: spike sources become Input nodes, populations of the
 * discrete neurons (LIF, CubaLIF, LI, CubaLI) and of the conversion's
 * IF_nonleaky become LIF / CubaLIF / LI / CubaLI / IF / I nodes, and each
 * projection a Linear node (an Affine carrying the population's constant
 * current as its bias, on the first projection into it). Delays beyond the
 * one tick per layer that import implies become Delay nodes.
 *
 * What NIR cannot say is kept in node metadata, which spikelab reads back
 * and other tools ignore: reset by subtraction (`reset_mechanism:
 * "subtract"`; NIR resets to v_reset). The conversion's IF fires at v ≥ θ;
 * NIR's threshold is strict, so the export writes the largest float32 below
 * θ, the same test on float32 membranes.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import { checkAllocation, DEFAULT_MEMORY_BUDGET_BYTES } from '../../../src/core/memory.ts';
import { buildNetwork } from '../../network/build.ts';
import type { NeuronPopulation, Population } from '../../network/network.ts';
import type { NetworkSpec } from '../../network/spec.ts';
import type { NirArray, NirFile, NirNode } from './graph.ts';
import { latencies } from './latency.ts';
import type { NirIntegrator } from './neuron-params.ts';

export const NIR_WRITE_VERSION = '1.0.8';
const EXPORTABLE = [
  'LIF',
  'CubaLIF',
  'LI',
  'CubaLI',
  'IF_nonleaky',
  'SpikeSourceArray',
  'SpikeSourcePoisson',
];

export interface ExportNirOptions {
  /** How τ is recovered from β: e^(−dt/τ) (exact, default) or 1 − dt/τ (euler). */
  integrator?: NirIntegrator;
  /** Populations driven by a constant input per sample (a classifier's current-coded input): an Input node and a Scale of `gain` feed each. */
  currentInputs?: { population: string; gain: number }[];
  /**
   * Populations whose current is an input layer's x·W + b, set per sample
   * (a directly trained network's current-coded first layer): an Input node
   * of `inputs` values feeds each through an Affine of `weights` (inputs × N,
   * row-major, input by input) and `bias`.
   */
  inputLayers?: { population: string; inputs: number; weights: Float32Array; bias: Float32Array }[];
  memoryBudgetBytes?: number;
}

const vec = (a: ArrayLike<number>): NirArray => ({ shape: [a.length], data: Float64Array.from(a) });

function perNeuron(p: NeuronPopulation, key: string): Float64Array {
  const own = p.perNeuron[key];
  return own ? Float64Array.from(own) : new Float64Array(p.size).fill(p.params[key]!);
}

/** The largest float32 below x: `v > it` is `v ≥ x` for float32 v. */
function belowFloat32(x: number): number {
  const f = new Float32Array([x]);
  const u = new Int32Array(f.buffer);
  u[0]! += x > 0 ? -1 : x < 0 ? 1 : 0;
  if (x === 0) u[0] = -2147483647; // −(smallest subnormal)
  return f[0]!;
}

function neuronNode(p: NeuronPopulation, dtS: number, integ: NirIntegrator): NirNode {
  const n = p.size;
  const get = (k: string) => perNeuron(p, k);
  if (p.model === 'IF_nonleaky') {
    if (p.params.tauRefrac !== 0) {
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `population ${p.label}: IF_nonleaky with tauRefrac ${p.params.tauRefrac} ms; allowed: 0 (NIR has no refractory period)`,
      );
    }
    return {
      type: 'IF',
      params: {
        r: vec(new Float64Array(n).fill(1 / dtS)),
        v_threshold: vec(get('vThresh').map(belowFloat32)),
        v_reset: vec(get('vReset')),
      },
      metadata: { reset_mechanism: 'subtract' },
    };
  }
  const beta = get('beta');
  const gain = get('gain');
  const tauOf = (b: number) => (integ === 'exact' ? -dtS / Math.log(b) : dtS / (1 - b));
  const integrating = beta.every((b) => b === 1);
  if (!integrating && beta.some((b) => b === 1 || b === 0)) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `population ${p.label}: β mixes 1 (or 0) with other values; allowed: all 1 (an IF / I node) or all in (0, 1)`,
    );
  }
  const tau = beta.map(tauOf);
  const r = integrating
    ? gain.map((g) => g / dtS)
    : beta.map((b, i) => (integ === 'exact' ? gain[i]! / (1 - b) : (gain[i]! * tau[i]!) / dtS));
  const spiking = p.model === 'LIF' || p.model === 'CubaLIF';
  const cuba = p.model === 'CubaLIF' || p.model === 'CubaLI';
  if (cuba && integrating)
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `population ${p.label}: ${p.model} with β = 1 has no NIR node`,
    );
  const params: Record<string, NirArray> = integrating
    ? { r: vec(r) }
    : { tau: vec(tau), r: vec(r), v_leak: vec(get('vLeak')) };
  if (cuba) {
    const alpha = get('alpha');
    if (alpha.some((a) => a === 0))
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `population ${p.label}: α = 0 has no NIR time constant`,
      );
    delete params.tau;
    params.tau_mem = vec(tau);
    params.tau_syn = vec(alpha.map(tauOf));
    params.w_in = vec(alpha.map((a) => (integ === 'exact' ? 1 / (1 - a) : tauOf(a) / dtS)));
  }
  if (spiking) {
    params.v_threshold = vec(get('vThreshold'));
    params.v_reset = vec(get('vReset'));
  }
  const subtract = spiking && get('resetBySubtraction').some((x) => x === 1);
  if (subtract && !get('resetBySubtraction').every((x) => x === 1))
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `population ${p.label}: resetBySubtraction differs between neurons; allowed: one value`,
    );
  const type = integrating ? (spiking ? 'IF' : 'I') : p.model;
  return { type, params, ...(subtract && { metadata: { reset_mechanism: 'subtract' } }) };
}

/** The factor from a bias b on the node's input to the engine's iOffset. */
function biasScale(p: NeuronPopulation, dtMs: number): number {
  return p.model === 'IF_nonleaky' ? dtMs / p.params.cm! : 1;
}

export function networkToNir(spec: NetworkSpec, opts: ExportNirOptions = {}): NirFile {
  const integ = opts.integrator ?? 'exact';
  const budget = opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
  const net = buildNetwork(spec, { memoryBudgetBytes: budget });
  const dtS = net.dt / 1000;
  const nodes = new Map<string, NirNode>();
  const edges: [string, string][] = [];
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (
      let k = 2;
      used.has(name) || net.populations.some((p) => p.label === name && p.label !== base);
      k++
    )
      name = `${base}_${k}`;
    used.add(name);
    return name;
  };
  for (const p of net.populations) {
    if (!EXPORTABLE.includes(p.model)) {
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `population ${p.label}: model ${p.model} has no NIR equivalent; allowed: ${EXPORTABLE.join(', ')}`,
      );
    }
    used.add(p.label);
    if (p.kind === 'neuron') {
      nodes.set(p.label, neuronNode(p, dtS, integ));
      if (p.poissonInput.length > 0 || p.stepCurrents)
        throw new SpikelabError(
          'NOT_APPLICABLE',
          `population ${p.label}: Poisson input or step currents have no NIR node`,
        );
    } else nodes.set(p.label, { type: 'Input', params: { shape: vec([p.size]) } });
  }
  for (const c of opts.currentInputs ?? []) {
    const p = net.populations.find((q) => q.label === c.population);
    if (p?.kind !== 'neuron')
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `currentInputs: ${c.population} is not a neuron population`,
      );
    const input = unique(`${c.population}_in`);
    const scale = unique(`${c.population}_scale`);
    nodes.set(input, { type: 'Input', params: { shape: vec([p.size]) } });
    nodes.set(scale, {
      type: 'Scale',
      params: { scale: vec(new Float64Array(p.size).fill(c.gain * biasScale(p, net.dt))) },
    });
    edges.push([input, scale], [scale, p.label]);
  }
  const biased = new Set<string>();
  for (const c of opts.inputLayers ?? []) {
    const p = net.populations.find((q) => q.label === c.population);
    if (p?.kind !== 'neuron' || c.weights.length !== c.inputs * p.size || c.bias.length !== p.size)
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `inputLayers: ${c.population}: a neuron population with ${c.inputs} × its size weights and a bias per neuron; got ${c.weights.length} weights, ${c.bias.length} biases`,
      );
    const input = unique(`${c.population}_in`);
    const affine = unique(`${c.population}_input_weights`);
    const w = new Float64Array(p.size * c.inputs);
    for (let i = 0; i < c.inputs; i++)
      for (let j = 0; j < p.size; j++) w[j * c.inputs + i] = c.weights[i * p.size + j]!;
    nodes.set(input, { type: 'Input', params: { shape: vec([c.inputs]) } });
    nodes.set(affine, {
      type: 'Affine',
      params: { weight: { shape: [p.size, c.inputs], data: w }, bias: vec(c.bias) },
    });
    edges.push([input, affine], [affine, p.label]);
    biased.add(p.label);
  }
  const popEdges = net.projections.map((pr) => ({
    pre: net.populations[pr.pre]!.label,
    post: net.populations[pr.post]!.label,
    layers: new Map(),
  }));
  const { latency, back } = latencies(
    net.populations.map((p) => p.label),
    net.populations.filter((p) => p.kind !== 'neuron').map((p) => p.label),
    popEdges,
  );
  net.projections.forEach((pr, k) => {
    const pre = net.populations[pr.pre]!;
    const post = net.populations[pr.post]! as NeuronPopulation;
    checkAllocation(
      pre.size * post.size * 8,
      `projection ${pr.label}: a dense NIR weight of ${pre.size} × ${post.size}`,
      budget,
    );
    const d = pr.delays[0] ?? 1;
    if (pr.delays.some((x) => x !== d))
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `projection ${pr.label}: delays differ between synapses; allowed: one delay per projection`,
      );
    const base =
      latency.get(post.label)! - latency.get(pre.label)! + (back.has(popEdges[k]!) ? 1 : 0);
    if (d < base)
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `projection ${pr.label}: delay ${d} ticks, shorter than the ${base} its layer position implies in NIR's feed-forward time`,
      );
    const w = new Float64Array(post.size * pre.size);
    for (let i = 0; i < pre.size; i++)
      for (let s = pr.rowStart[i]!; s < pr.rowStart[i + 1]!; s++)
        w[pr.targets[s]! * pre.size + i]! += pr.weights[s]!;
    const name = unique(pr.label.replace(/→/g, '_to_'));
    const weight: NirArray = { shape: [post.size, pre.size], data: w };
    const withBias = !biased.has(post.label) && post.iOffset.some((x) => x !== 0);
    if (withBias) {
      biased.add(post.label);
      const b = Float64Array.from(post.iOffset, (x) => x / biasScale(post, net.dt));
      nodes.set(name, { type: 'Affine', params: { weight, bias: vec(b) } });
    } else nodes.set(name, { type: 'Linear', params: { weight } });
    let from = name;
    if (d > base) {
      const delay = unique(`${name}_delay`);
      nodes.set(delay, {
        type: 'Delay',
        params: { delay: vec(new Float64Array(post.size).fill((d - base) * dtS)) },
      });
      edges.push([name, delay]);
      from = delay;
    }
    edges.push([pre.label, name], [from, post.label]);
  });
  for (const p of net.populations) {
    if (p.kind === 'neuron' && !biased.has(p.label) && p.iOffset.some((x) => x !== 0))
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `population ${p.label}: a constant current but no projection into it to carry it as a bias`,
      );
  }
  const readouts = net.populations.filter(
    (p: Population) =>
      p.kind === 'neuron' && !net.projections.some((pr) => net.populations[pr.pre] === p),
  );
  for (const p of readouts) {
    const out = unique(`${p.label}_out`);
    nodes.set(out, { type: 'Output', params: { shape: vec([p.size]) } });
    edges.push([p.label, out]);
  }
  return {
    version: NIR_WRITE_VERSION,
    graph: { nodes, edges, metadata: { dt: dtS, integrator: integ, constants_from: 'tick 0' } },
  };
}
