/**
 * The TrueNorth deployment of a rate-coded feed-forward IF network: weights
 * already on the chip's grid give the original spikes exactly, one tick later
 * per splitter hop; a split neuron's rate stays within the partial pairs'
 * residues of the unsplit neuron's; 257 inputs into one neuron are split,
 * never truncated; the deployed network obeys every core limit and its
 * hardware counts equal the engine's.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor, StateMonitor } from '../../../../../sim/engine/monitors.ts';
import { Simulator } from '../../../../../sim/engine/simulator.ts';
import { withPlatform } from '../../../../../sim/hardware/platform.ts';
import { runDeployment } from '../../../../../sim/hardware/run-on-platform.ts';
import { codeMask } from '../../../../../sim/hardware/truenorth/deploy/codes.ts';
import {
  deployOnTrueNorth,
  inputLeaks,
  mapDeployment,
} from '../../../../../sim/hardware/truenorth/deploy/deploy.ts';
import { mergeRatio } from '../../../../../sim/hardware/truenorth/deploy/layer.ts';
import { deployObstacle } from '../../../../../sim/hardware/truenorth/deploy/shape.ts';
import { truenorth } from '../../../../../sim/hardware/truenorth/platform.ts';
import { cuba } from '../../../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../../../sim/network/build.ts';
import type { Network } from '../../../../../sim/network/network.ts';
import type { NetworkSpec, PopulationSpec } from '../../../../../sim/network/spec.ts';
import { Rng } from '../../../../../src/core/rng.ts';

const IF = { vThresh: 1, vReset: 0 };

/** Weights k/8 with k in −8…7, each column holding a 7/8 or a −1 (so its step is 1/8). */
function gridWeights(pre: number, post: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const w = new Float32Array(pre * post);
  for (let k = 0; k < w.length; k++) w[k] = (rng.int(16) - 8) / 8;
  for (let j = 0; j < post; j++) w[(j % pre) * post + j] = j % 2 === 0 ? 7 / 8 : -1;
  return w;
}

/** Input → hidden → output, dense, delay 1; biases as constant currents. */
function feedForward(o: {
  input: PopulationSpec;
  hidden: number;
  out: number;
  w1: Float32Array;
  w2: Float32Array;
  bias?: number;
  seed?: number;
}): NetworkSpec {
  const dense = (pre: string, post: string, weights: Float32Array) => ({
    pre,
    post,
    connector: { type: 'fromMatrix' as const, weights },
    delay: 1,
    receptor: 'excitatory' as const,
  });
  return {
    schemaVersion: 1,
    dt: 1,
    seed: o.seed ?? 3,
    populations: [
      o.input,
      { label: 'hidden', size: o.hidden, model: 'IF_nonleaky', params: IF, iOffset: o.bias ?? 0 },
      { label: 'output', size: o.out, model: 'IF_nonleaky', params: IF },
    ],
    projections: [dense('input', 'hidden', o.w1), dense('hidden', 'output', o.w2)],
  };
}

const poisson = (size: number, rate: number | number[]): PopulationSpec => ({
  label: 'input',
  size,
  model: 'SpikeSourcePoisson',
  params: { rate },
});

/** Spikes of one population as "tick:index" strings, shifted back by `shift` ticks, before `until`. */
function spikesOf(
  net: Network,
  rec: { ticks: Float64Array | Uint32Array; ids: Uint32Array },
  label: string,
  shift: number,
  until: number,
) {
  const p = net.populations.find((x) => x.label === label)!;
  const out: string[] = [];
  for (let k = 0; k < rec.ids.length; k++) {
    const id = rec.ids[k]!;
    const t = rec.ticks[k]! - shift;
    if (id >= p.offset && id < p.offset + p.size && t < until) out.push(`${t}:${id - p.offset}`);
  }
  return out;
}

function record(net: Network, ticks: number, before?: (sim: Simulator) => void) {
  const mon = new SpikeMonitor(net.dt);
  const sim = new Simulator(net, { listeners: [mon] });
  before?.(sim);
  sim.run(ticks);
  return mon.record();
}

describe('TrueNorth deployment: weights already on the chip’s grid', () => {
  const spec = feedForward({
    input: poisson(8, 300),
    hidden: 6,
    out: 3,
    w1: gridWeights(8, 6, 1),
    w2: gridWeights(6, 3, 2),
    bias: 0.125, // 31 units at s = 31 / (1/8) = 248 units per mV
  });

  it('spike for spike: inputs at the same ticks, hidden 1 tick later (splitters), output 2 ticks later', () => {
    const net = buildNetwork(spec);
    const dep = deployOnTrueNorth(net);
    expect(dep.report.layers.map((l) => [l.weightBits, l.split, l.rmsError])).toEqual([
      [4, false, 0],
      [4, false, 0],
    ]);
    expect(dep.report.layers.map((l) => l.latencyTicks)).toEqual([1, 2]);
    const T = 400;
    const a = record(net, T);
    const b = record(dep.network, T);
    for (const [label, shift] of [
      ['input', 0],
      ['hidden', 1],
      ['output', 2],
    ] as const) {
      const orig = spikesOf(net, a, label, 0, T - 2);
      expect(orig.length, label).toBeGreaterThan(20); // every layer is active
      expect(spikesOf(dep.network, b, label, shift, T - 2), label).toEqual(orig);
    }
  });

  it('obeys the chip: ≤ 256 neurons and axons per core, one target per neuron, one type per axon; the counter’s events equal the engine’s', () => {
    const net = buildNetwork(spec);
    const m = mapDeployment(deployOnTrueNorth(net));
    for (let c = 0; c < m.placement.cores; c++) {
      expect(m.placement.neuronsOnCore[c]!).toBeLessThanOrEqual(256);
      expect(m.placement.axonsOnCore[c]!).toBeLessThanOrEqual(256);
    }
    const r = runDeployment(net, { durationMs: 200 });
    expect(r.report.synapticEvents).toBe(r.counts.synapticEvents);
    expect(r.report.spikes).toBe(r.counts.spikes);
    expect(r.report.deployment?.neurons.deployed).toBe(r.deployment.network.size - 8);
    // every packet has one destination core: deliveries = packets
    expect(r.report.deliveries).toBe(r.report.packets);
  });

  it('an input driven by a current: leaks set per sample (0.25 and 0.5 mV per tick → 1,024 and 2,048 of 4,096 units) give the same input spikes', () => {
    const s = feedForward({
      input: { label: 'input', size: 8, model: 'IF_nonleaky', params: IF },
      hidden: 6,
      out: 3,
      w1: gridWeights(8, 6, 3),
      w2: gridWeights(6, 3, 4),
    });
    const net = buildNetwork(s);
    const dep = deployOnTrueNorth(net);
    expect(dep.report.perSampleLeaks).toBe(true);
    const currents = [0.25, 0.5, 0.125, 0.75, 0.5, 0.25, 0, 1];
    const leaks = inputLeaks(dep.inputs[0]!, currents, new Float32Array(8));
    expect(Array.from(leaks.subarray(0, 2))).toEqual([1024, 2048]);
    const T = 120;
    const a = record(net, T, (sim) => sim.setIOffset('input', currents));
    const b = record(dep.network, T, (sim) => sim.setIOffset('input', leaks));
    for (const [label, shift] of [
      ['input', 0],
      ['hidden', 1],
      ['output', 2],
    ] as const)
      expect(spikesOf(dep.network, b, label, shift, T - 2), label).toEqual(
        spikesOf(net, a, label, 0, T - 2),
      );
  });
});

/** Poisson inputs (rates 0.05–0.45 per tick) onto one IF neuron (threshold 4, a bias) with weights k/8, one of them 7/8. */
function oneNeuron(inputs: number, seed: number, bias = -0.25): NetworkSpec {
  const rng = new Rng(seed);
  const w = new Float32Array(inputs);
  for (let i = 0; i < inputs; i++) w[i] = (rng.int(14) - 6) / 8; // −6/8 … 7/8: mostly positive
  w[0] = 7 / 8;
  const rates = Array.from({ length: inputs }, () => 50 + rng.int(400));
  return {
    schemaVersion: 1,
    dt: 1,
    seed,
    populations: [
      poisson(inputs, rates),
      {
        label: 'output',
        size: 1,
        model: 'IF_nonleaky',
        params: { vThresh: 4, vReset: 0 },
        iOffset: bias,
      },
    ],
    projections: [
      {
        pre: 'input',
        post: 'output',
        connector: { type: 'fromMatrix', weights: w },
        delay: 1,
        receptor: 'excitatory',
      },
    ],
  };
}

describe('TrueNorth deployment: neuron splitting', () => {
  /** Cores of 32 axons: 8 inputs per group at 4 bits, so 40 inputs make 5 groups. */
  const small = withPlatform(truenorth, { capacity: { axonsPerCore: 32 } });

  it('a neuron split over 5 cores fires within its pairs’ residues of the unsplit one: |Δcount| ≤ 5 × quantum + 2 over 3,000 ticks', () => {
    const net = buildNetwork(oneNeuron(40, 7));
    const whole = deployOnTrueNorth(net, { weightBits: 4 });
    const split = deployOnTrueNorth(net, { weightBits: 4, platform: small });
    const layer = split.report.layers[0]!;
    expect([whole.report.layers[0]!.split, layer.split, layer.groups]).toEqual([false, true, 5]);
    expect(layer.partialNeurons).toBe(10);
    expect(layer.rmsError).toBe(0); // same codes both ways: only the split differs
    const T = 3000;
    const count = (d: typeof whole) => {
      const rec = record(d.network, T + d.report.latencyTicks);
      return spikesOf(d.network, rec, 'output', d.report.latencyTicks, T).length;
    };
    const a = count(whole);
    const b = count(split);
    const original = spikesOf(net, record(net, T), 'output', 0, T).length;
    expect(a).toBe(original); // unsplit and on the grid: exact
    expect(a).toBeGreaterThan(300);
    // each pair holds back less than one quantum (A/θ thresholds) over the whole run
    expect(Math.abs(b - a)).toBeLessThanOrEqual(5 * layer.partialQuantum.max + 2);
  });

  it('each partial pair is a mirror: V_N = −1 − V_P in every tick, so the pair passes every rise and fall of A once', () => {
    const dep = deployOnTrueNorth(buildNetwork(oneNeuron(40, 8)), {
      weightBits: 4,
      platform: small,
    });
    const sim = new Simulator(dep.network);
    const pairs = Uint32Array.from({ length: 10 }, (_, k) => k);
    const v = new StateMonitor(sim, 'output/partials', 'v', pairs);
    sim.run(500);
    const values = v.values();
    const n = values.length / pairs.length;
    let moved = 0;
    for (let t = 0; t < n; t++) {
      for (let g = 0; g < 5; g++) {
        const p = values[t * pairs.length + 2 * g]!;
        const q = values[t * pairs.length + 2 * g + 1]!;
        expect(q).toBe(-1 - p);
        if (p !== 0) moved++;
      }
    }
    expect(moved).toBeGreaterThan(1000);
  });

  it('257 inputs into one neuron are split (not truncated): every input has an axon copy where its code has a bit, every bit is in a crossbar', () => {
    const net = buildNetwork(oneNeuron(257, 9, 0.5));
    const dep = deployOnTrueNorth(net, { weightBits: 4 });
    const layer = dep.report.layers[0]!;
    expect([layer.split, layer.groups]).toEqual([true, Math.ceil(257 / 64)]);
    // bits set over all 257 synapses, twice (P and N of each pair)
    const w = net.projections[0]!.weights;
    const step = 1 / 8;
    let bits = 0;
    for (let i = 0; i < 257; i++) {
      let m = codeMask(Math.round(w[i]! / step), 4);
      while (m) {
        bits++;
        m &= m - 1;
      }
    }
    const toPartials = dep.spec.projections.find((p) => p.post === 'output/partials')!;
    expect(toPartials.connector.type === 'csr' && toPartials.connector.targets.length).toBe(
      2 * bits,
    );
    // every input with a synapse (non-zero weight) reaches the chip through its own splitters
    const original = net.projections[0]!;
    const toSplitters = dep.network.projections.find((p) => p.label === 'input→input/splitters')!;
    for (let i = 0; i < 257; i++) {
      const has = original.rowStart[i + 1]! > original.rowStart[i]!;
      const copies = toSplitters.rowStart[i + 1]! - toSplitters.rowStart[i]!;
      expect(copies > 0, `input ${i}`).toBe(has);
    }
    expect(layer.synapses).toBe(original.targets.length);
    expect(layer.synapses).toBeGreaterThan(200);
    const m = mapDeployment(dep);
    for (let c = 0; c < m.placement.cores; c++)
      expect(m.placement.axonsOnCore[c]!).toBeLessThanOrEqual(256);
    // and its rate is the original's within the residues
    const T = 3000;
    const a = spikesOf(net, record(net, T), 'output', 0, T).length;
    const rec = record(dep.network, T + dep.report.latencyTicks);
    const b = spikesOf(dep.network, rec, 'output', dep.report.latencyTicks, T).length;
    expect(a).toBeGreaterThan(500);
    expect(Math.abs(b - a)).toBeLessThanOrEqual(layer.groups * layer.partialQuantum.max + 2);
  });

  it('merge weights: ω ≤ 255 and α with ω/α within 1e-4 of the quantum (1.34 thresholds → 255/190 = 1.3421)', () => {
    const r = mergeRatio(1.34);
    expect(r.omega).toBeLessThanOrEqual(255);
    expect(r.error).toBeLessThan(1e-4);
    expect(Math.abs(r.omega / r.alpha - 1.34)).toBeLessThan(1.34e-4);
  });
});

describe('TrueNorth deployment: scope', () => {
  it('refuses networks it does not deploy, with the reason: recurrence, leaky neurons', () => {
    const rec = feedForward({
      input: poisson(4, 100),
      hidden: 3,
      out: 2,
      w1: gridWeights(4, 3, 1),
      w2: gridWeights(3, 2, 1),
    });
    rec.projections.push({
      pre: 'hidden',
      post: 'hidden',
      connector: { type: 'allToAll' },
      weight: -0.1,
      delay: 1,
      receptor: 'inhibitory',
    });
    expect(deployObstacle(buildNetwork(rec))).toMatch(
      /population 'hidden' is fed by 2 projections; allowed: one/,
    );
    expect(() => deployOnTrueNorth(buildNetwork(cuba({ n: 50, dt: 1 })))).toThrow(
      /TrueNorth deployment: population 'exc' is IF_curr_exp: only IF_nonleaky/,
    );
  });
});
