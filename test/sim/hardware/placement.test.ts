import { describe, expect, it } from 'vitest';
import { buildConnectivity, type Connectivity } from '../../../sim/hardware/connectivity.ts';
import { createCounter, mapNetwork } from '../../../sim/hardware/map.ts';
import type { NetworkShape } from '../../../sim/hardware/network-shape.ts';
import {
  assignCores,
  assignWithinFanOut,
  type CoreAssignment,
  maxFanOutEdges,
  PLACEMENT_STRATEGIES,
  placeCores,
  summarisePlacement,
} from '../../../sim/hardware/placement.ts';
import { type Platform, withPlatform } from '../../../sim/hardware/platform.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { Rng } from '../../../src/core/rng.ts';
import {
  type Edge,
  miniCuba,
  network,
  oneNeuronWith257Inputs,
  projection,
  scatteredClusters,
  twoNeuronsWith257Inputs,
} from './fixtures.ts';

/** Recomputes every per-core load from scratch and checks it against the platform's limits. */
function checkCapacities(net: NetworkShape, conn: Connectivity, a: CoreAssignment, p: Platform) {
  const c = p.capacity;
  const neurons = new Map<number, number>();
  const axons = new Map<number, Set<string>>();
  const pops = new Map<number, Set<number>>();
  for (let n = 0; n < conn.neurons; n++) {
    const core = a.coreOf[n]!;
    expect(core).toBeGreaterThanOrEqual(0);
    neurons.set(core, (neurons.get(core) ?? 0) + 1);
    if (!pops.has(core)) pops.set(core, new Set());
    pops.get(core)!.add(conn.populationOf[n]!);
    if (!axons.has(core)) axons.set(core, new Set());
    for (let e = conn.inStart[n]!; e < conn.inStart[n + 1]!; e++) {
      const key =
        c.axonKey === 'neuron-delay'
          ? `${conn.inSource[e]}:${conn.inDelay[e]}`
          : `${conn.inSource[e]}`;
      axons.get(core)!.add(key);
    }
  }
  for (const [core, k] of neurons) {
    expect(k).toBeLessThanOrEqual(c.neuronsPerCore);
    expect(a.neuronsOnCore[core]).toBe(k);
    expect(a.axonsOnCore[core]).toBe(axons.get(core)!.size);
    if (c.axonsPerCore !== null) expect(axons.get(core)!.size).toBeLessThanOrEqual(c.axonsPerCore);
    if (c.onePopulationPerCore) expect(pops.get(core)!.size).toBe(1);
  }
  void net;
}

/** Synapses whose two ends sit on different cores. */
function cutSynapses(conn: Connectivity, a: CoreAssignment): number {
  let cut = 0;
  for (let n = 0; n < conn.neurons; n++) {
    for (let e = conn.outStart[n]!; e < conn.outStart[n + 1]!; e++) {
      if (a.coreOf[n] !== a.coreOf[conn.outTarget[e]!]) cut++;
    }
  }
  return cut;
}

describe('placement respects every capacity', () => {
  const net = miniCuba(1);
  const conn = buildConnectivity(net);
  for (const name of ['truenorth', 'spinnaker', 'spinnaker2', 'loihi']) {
    for (const strategy of PLACEMENT_STRATEGIES) {
      it(`${name}, ${strategy}: neurons, axons and population-per-core limits hold on every core`, () => {
        const p = platform(name);
        checkCapacities(net, conn, assignCores(net, conn, p, strategy), p);
      });
    }
  }

  it('SpiNNaker sequential: 600 + 100 neurons → ⌈600/256⌉ + 1 = 4 cores on one chip (one population per core)', () => {
    const n = network(
      [
        ['a', 600],
        ['b', 100],
      ],
      [],
    );
    const a = assignCores(n, buildConnectivity(n), platform('spinnaker'), 'sequential');
    expect(a.cores).toBe(4);
    expect(Array.from(a.neuronsOnCore)).toEqual([256, 256, 88, 100]);
    expect(placeCores(a, platform('spinnaker')).chipsUsed).toBe(1);
  });

  it('SpiNNaker clustered on a connected exc/inh network: still ⌈600/256⌉ + ⌈150/256⌉ = 4 full cores', () => {
    // Connected neurons of the other population are refused by the one-population
    // rule; that must not stop a core from filling up to 256.
    const net = miniCuba(4, 600, 150, 0.05);
    const a = assignCores(net, buildConnectivity(net), platform('spinnaker'), 'clustered');
    expect(a.cores).toBe(4);
    expect(Array.from(a.neuronsOnCore).sort((x, y) => y - x)).toEqual([256, 256, 150, 88]);
  });

  it('Loihi may mix populations: 600 + 100 neurons fit on one 1,024-neuron core', () => {
    const n = network(
      [
        ['a', 600],
        ['b', 100],
      ],
      [],
    );
    expect(assignCores(n, buildConnectivity(n), platform('loihi'), 'sequential').cores).toBe(1);
  });
});

describe('TrueNorth: 256 axons per core', () => {
  it('two neurons needing 257 distinct inputs together are split onto two cores, never truncated', () => {
    const net = twoNeuronsWith257Inputs();
    const conn = buildConnectivity(net);
    const a = assignCores(net, conn, platform('truenorth'), 'sequential');
    expect(a.coreOf[257]).not.toBe(a.coreOf[258]);
    checkCapacities(net, conn, a, platform('truenorth'));
    // All 400 synapses still arrive: 200 axons on one core, 200 on the other.
    expect(a.axonsOnCore[a.coreOf[257]!]).toBe(200);
    expect(a.axonsOnCore[a.coreOf[258]!]).toBe(200);
  });

  it('one neuron with 257 distinct inputs is rejected with the neuron, the projection and the limit named', () => {
    const net = oneNeuronWith257Inputs();
    const conn = buildConnectivity(net);
    for (const strategy of PLACEMENT_STRATEGIES) {
      expect(() => assignCores(net, conn, platform('truenorth'), strategy)).toThrow(
        "IBM TrueNorth: neuron 0 of population 'out' (#1) needs 257 axons (distinct (source, delay) inputs) on its core; allowed: at most 256 axons per core. Reduce its fan-in (fed by projection #0).",
      );
    }
  });

  it('the same source at two delays needs two axons: 129 sources × 2 delays = 258 > 256 is rejected', () => {
    const edges: Edge[] = [];
    for (let i = 0; i < 129; i++) edges.push({ i, j: 0, delay: 1 }, { i, j: 0, delay: 2 });
    const net = network(
      [
        ['in', 129],
        ['out', 1],
      ],
      [projection(0, 1, 129, edges)],
    );
    expect(() =>
      assignCores(net, buildConnectivity(net), platform('truenorth'), 'sequential'),
    ).toThrow(/needs 258 axons/);
  });
});

describe('clustered placement keeps connected neurons together', () => {
  it('8 all-to-all groups of 32 scattered over the ids: clustered cuts 0 synapses, sequential most of them', () => {
    const net = scatteredClusters(8, 32, 5);
    const conn = buildConnectivity(net);
    const p = withPlatform(platform('spinnaker'), { capacity: { neuronsPerCore: 32 } });
    const seq = assignCores(net, conn, p, 'sequential');
    const clu = assignCores(net, conn, p, 'clustered');
    expect(seq.cores).toBe(8);
    expect(clu.cores).toBe(8);
    expect(cutSynapses(conn, clu)).toBe(0);
    // 7,936 synapses in all; a random split keeps about 1/8 of them inside a core.
    expect(cutSynapses(conn, seq)).toBeGreaterThan(6000);
  });

  it('is deterministic: the same network gives the same placement', () => {
    const net = miniCuba(3);
    const conn = buildConnectivity(net);
    const a = assignCores(net, conn, platform('truenorth'), 'clustered');
    const b = assignCores(net, conn, platform('truenorth'), 'clustered');
    expect(Array.from(a.coreOf)).toEqual(Array.from(b.coreOf));
  });

  it('summarises cores, chips and per-core loads against their limits', () => {
    const net = miniCuba(1);
    const conn = buildConnectivity(net);
    const p = platform('spinnaker');
    const s = summarisePlacement(placeCores(assignCores(net, conn, p, 'sequential'), p), p);
    // 320 exc → 2 cores (256 + 64), 80 inh → 1 core.
    expect(s).toMatchObject({ strategy: 'sequential', cores: 3, relayCores: 0, chips: 1 });
    expect(s.neuronsPerCore).toEqual({ max: 256, mean: 400 / 3, cap: 256, limit: 256 });
    expect(s.machine).toEqual({
      topology: 'triangular-torus',
      width: 1,
      height: 1,
      chipsX: 1,
      chipsY: 1,
    });
  });
});

describe('fan-out edges per core (Loihi: 4,096)', () => {
  // 400 neurons, each with 40 random targets; a limit of 200 edges per core, so
  // 1,024 neurons per core (one core: 400 edges) cannot stand.
  const net = network([['cells', 400]], [randomFanOut(400, 40, 1)]);
  const conn = buildConnectivity(net);
  const tight = withPlatform(platform('loihi'), { capacity: { fanOutEdgesPerCore: 200 } });

  it('places with fewer neurons per core until every core is within the limit', () => {
    for (const strategy of PLACEMENT_STRATEGIES) {
      expect(maxFanOutEdges(conn, assignCores(net, conn, tight, strategy))).toBe(400);
      const a = assignWithinFanOut(net, conn, tight, strategy);
      expect(maxFanOutEdges(conn, a)).toBeLessThanOrEqual(200);
      expect(a.neuronCap).toBeLessThan(1024);
      checkCapacities(net, conn, a, tight);
    }
    const m = mapNetwork(net, tight); // the traffic plan's own check passes
    expect(createCounter(m).plan.fanOutEdges.every((e) => e <= 200)).toBe(true);
  });

  it('still rejects, naming the core, when one neuron alone has more target cores than the limit', () => {
    const p = withPlatform(platform('loihi'), { capacity: { fanOutEdgesPerCore: 30 } });
    expect(() => mapNetwork(net, p, { placement: 'sequential' })).toThrow(
      /Intel Loihi: core \d+ sends on \d+ core-to-core fan-out edges; allowed: at most 30 per core/,
    );
  });
});

/** Each of n neurons sends to `k` distinct random others. */
function randomFanOut(n: number, k: number, seed: number) {
  const rng = new Rng(seed);
  const edges: Edge[] = [];
  for (let i = 0; i < n; i++) {
    const perm = rng.permutation(n);
    let added = 0;
    for (let q = 0; q < n && added < k; q++) {
      if (perm[q] === i) continue;
      edges.push({ i, j: perm[q]! });
      added++;
    }
  }
  return projection(0, 0, n, edges);
}
