/**
 * The WebAssembly backend against its oracle, the TypeScript kernels: the
 * SIMD kernels perform the same float32 operations in the same order, and
 * delivery the same additions, so spikes, counts and every state variable
 * must be bit-identical — not statistically close.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import type { SimulatorOptions } from '../../../sim/engine/simulator-options.ts';
import { brunel } from '../../../sim/models/brunel.ts';
import { coba } from '../../../sim/models/coba.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec, NeuronPopulationSpec } from '../../../sim/network/spec.ts';

function run(spec: NetworkSpec, ticks: number, opts: SimulatorOptions) {
  const mon = new SpikeMonitor(spec.dt);
  const sim = new Simulator(buildNetwork(spec), { ...opts, listeners: [mon] });
  const r = sim.run(ticks);
  const state = sim.network.populations.flatMap((p, i) =>
    p.kind === 'neuron'
      ? [
          ...p.neuron.stateVars.map((v) => sim.stateVar(i, v.name)),
          sim.populationState(i).refractory,
        ]
      : [],
  );
  return { sim, record: mon.record(), counts: r.counts, state };
}

/** Runs `spec` on both backends and expects the same spikes, counts and state, bit for bit. */
function expectIdentical(spec: NetworkSpec, ticks: number, minSpikes: number) {
  const js = run(spec, ticks, { backend: 'js' });
  const wasm = run(spec, ticks, { backend: 'wasm' });
  expect(js.sim.backend).toBe('js');
  expect(wasm.sim.backend).toBe('wasm');
  expect(wasm.counts.spikes).toBeGreaterThanOrEqual(minSpikes);
  expect(wasm.counts).toEqual(js.counts);
  expect(wasm.record.ticks).toEqual(js.record.ticks);
  expect(wasm.record.ids).toEqual(js.record.ids);
  // toEqual compares numbers with Object.is: even the sign of a zero must agree
  wasm.state.forEach((a, k) => {
    expect(Array.from(a), `state array ${k}`).toEqual(Array.from(js.state[k]!));
  });
}

/**
 * Every kernel and delivery path: population sizes that are not multiples of
 * 4 (padding lanes), refractory periods, offset currents, step currents,
 * uniform and per-synapse weights, delays of 1 tick, per-synapse delays.
 */
function mixedNet(seed: number): NetworkSpec {
  const ring = (n: number) => Array.from({ length: n }, (_, i) => i);
  return {
    schemaVersion: 1,
    dt: 0.1,
    seed,
    populations: [
      { label: 'src', size: 97, model: 'SpikeSourcePoisson', params: { rate: 80 } },
      {
        label: 'exp',
        size: 101,
        model: 'IF_curr_exp',
        params: { tauRefrac: 2, tauSynI: 8, iOffset: 0.2 },
        initial: { v: { distribution: 'uniform', low: -65, high: -51 } },
        stepCurrents: [{ times: [20, 60], amplitudes: [0.6, 0] }],
      },
      {
        label: 'expNoOffset',
        size: 6,
        model: 'IF_curr_exp',
        params: { tauRefrac: 1, vRest: -49, vReset: -60, vThresh: -50 },
      },
      { label: 'delta', size: 55, model: 'IF_curr_delta', params: { tauRefrac: 2, iOffset: 0.1 } },
      {
        label: 'nonleaky',
        size: 23,
        model: 'IF_nonleaky',
        params: { vThresh: 1, tauRefrac: 0.3 },
        initial: { v: { distribution: 'uniform', low: 0, high: 0.9 } },
      },
    ],
    projections: [
      {
        pre: 'src',
        post: 'exp',
        connector: { type: 'fixedProbability', p: 0.2 },
        weight: { distribution: 'uniform', low: 0.2, high: 1.5 },
        delay: 0.1,
        receptor: 'excitatory',
      },
      {
        pre: 'exp',
        post: 'exp',
        connector: { type: 'fixedProbability', p: 0.1 },
        weight: -0.4,
        delay: { distribution: 'uniform', low: 0.1, high: 2 },
        receptor: 'inhibitory',
      },
      {
        pre: 'exp',
        post: 'delta',
        connector: { type: 'fixedNumberPre', n: 7 },
        weight: 3,
        delay: 0.3,
        receptor: 'excitatory',
      },
      {
        pre: 'delta',
        post: 'nonleaky',
        connector: { type: 'fromList', pre: ring(23), post: ring(23).reverse() },
        weight: 0.4,
        delay: 40, // 400 ticks: 16-bit delays
        receptor: 'excitatory',
      },
      {
        pre: 'src',
        post: 'nonleaky',
        connector: { type: 'fixedProbability', p: 0.1 },
        weight: { distribution: 'normal', mean: 0.05, sd: 0.05 },
        delay: { distribution: 'uniform', low: 0.1, high: 30 },
        receptor: 'excitatory',
      },
      {
        pre: 'delta',
        post: 'expNoOffset',
        connector: { type: 'allToAll' },
        weight: -0.001,
        delay: 0.2,
        receptor: 'inhibitory',
      },
    ],
  };
}

describe('WebAssembly backend: bit-identical to the TypeScript kernels', () => {
  it('every SIMD kernel and delivery path, sizes 101, 6, 55, 23 (padding lanes), 2 seeds, 3,000 ticks', () => {
    expectIdentical(mixedNet(1), 3000, 2000);
    expectIdentical(mixedNet(2), 3000, 2000);
  });

  it('CUBA (4,000 neurons, dt 0.1 ms), 300 ms: same spikes and state', () => {
    expectIdentical(cuba({ seed: 5 }), 3000, 5000);
  });

  it('CUBA at dt 1 ms, 1 s', () => {
    expectIdentical(cuba({ dt: 1, seed: 2 }), 1000, 15_000);
  });

  it('Brunel at scale 0.1 (delta synapses, Poisson drive, delay 1.5 ms), 300 ms', () => {
    expectIdentical(brunel({ scale: 0.1, seed: 3 }), 3000, 5000);
  });

  it('populations without a SIMD kernel run their TypeScript kernel in the same memory: COBA (IF_cond_exp), 200 ms', () => {
    expectIdentical(coba({ n: 500, seed: 1 }), 2000, 500);
  });

  it('TrueNorth (Int32 state, four input channels, its own random stream) runs its TypeScript kernel with the wasm delivery: same spikes and state', () => {
    const n = 37;
    const pre = Array.from({ length: 400 }, (_, k) => k % 60);
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt: 1,
      seed: 9,
      populations: [
        { label: 'src', size: 60, model: 'SpikeSourcePoisson', params: { rate: 40 } },
        {
          label: 'tn',
          size: n,
          model: 'TrueNorth',
          params: {
            weight0: 3,
            weight1: -2,
            weight2: 100,
            stochasticSynapse2: 1,
            weight3: 1,
            leak: -20,
            stochasticLeak: 1,
            threshold: 6,
            thresholdMaskBits: 1,
          },
        },
      ],
      projections: [
        {
          pre: 'src',
          post: 'tn',
          connector: { type: 'fromList', pre, post: pre.map((_, k) => (k * 7) % n) },
          weight: 1,
          delay: 1,
          receptor: 'excitatory',
          channel: pre.map((_, k) => k % 4),
        },
      ],
    };
    expectIdentical(spec, 1000, 300);
  });

  it('a heterogeneous population (per-neuron constants) runs its TypeScript kernel: same spikes', () => {
    const spec = cuba({ n: 400, seed: 3 });
    const exc = spec.populations[0] as NeuronPopulationSpec;
    exc.params = { ...exc.params, tauM: { distribution: 'uniform', low: 15, high: 25 } };
    expectIdentical(spec, 2000, 300);
  });
});

describe('choosing the backend', () => {
  const net = () => buildNetwork(cuba({ n: 100, seed: 1 }));

  it("'auto' (the default) is wasm where WebAssembly SIMD runs (Node 20), js when the caller places the arena", () => {
    expect(new Simulator(net()).backend).toBe('wasm');
    expect(new Simulator(net(), { allocate: (b) => new ArrayBuffer(b) }).backend).toBe('js');
    expect(new Simulator(net(), { backend: 'js' }).backend).toBe('js');
  });

  it('refuses wasm with a caller-placed arena, and unknown names, naming the field', () => {
    expect(
      () => new Simulator(net(), { backend: 'wasm', allocate: (b) => new ArrayBuffer(b) }),
    ).toThrow(/allocate: .*allowed: nothing with backend wasm/);
    expect(() => new Simulator(net(), { backend: 'gpu' as 'js' })).toThrow(
      /backend: got "?gpu"?; allowed: auto, wasm or js/,
    );
  });

  it('counts the copy of the connectivity against the memory budget: auto falls back to js, wasm says TOO_LARGE, a move fits', () => {
    // the copy: 1.3 MB of row starts and targets (weights and delays are uniform); state 0.2 MB
    const big = () => buildNetwork(cuba({ seed: 1 }));
    const budget = { memoryBudgetBytes: 1e6 };
    expect(new Simulator(big(), budget).backend).toBe('js');
    expect(() => new Simulator(big(), { ...budget, backend: 'wasm' })).toThrow(
      /backend wasm: needs a WebAssembly memory of 1\.5 MB \(the state and a copy of the connectivity\); allowed: .* budget of 1\.0 MB/,
    );
    expect(new Simulator(big(), { ...budget, moveConnectivity: true }).backend).toBe('wasm');
  });

  it('moveConnectivity: the CSR arrays become views of the WebAssembly memory, held once, same spikes', () => {
    const moved = net();
    const before = moved.projections.map((p) => p.targets);
    const a = new SpikeMonitor(0.1);
    const simA = new Simulator(moved, { listeners: [a], moveConnectivity: true });
    moved.projections.forEach((p, q) => {
      expect(p.targets).not.toBe(before[q]);
      expect(p.targets).toEqual(before[q]);
      expect(p.targets.buffer).toBe(p.rowStart.buffer);
    });
    simA.run(2000);
    // another simulator (either backend) reads the moved arrays
    const b = new SpikeMonitor(0.1);
    new Simulator(moved, { listeners: [b], backend: 'js' }).run(2000);
    const c = new SpikeMonitor(0.1);
    new Simulator(net(), { listeners: [c] }).run(2000);
    expect(a.record().ids.length).toBeGreaterThan(50);
    expect(b.record()).toEqual(a.record());
    expect(c.record()).toEqual(a.record());
    // without moveConnectivity the network is not touched
    const kept = net();
    const t0 = kept.projections[0]!.targets;
    new Simulator(kept);
    expect(kept.projections[0]!.targets).toBe(t0);
  });
});
