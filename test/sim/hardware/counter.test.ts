import { describe, expect, it } from 'vitest';
import { withCost } from '../../../sim/energy/cost-table.ts';
import { buildConnectivity, type Connectivity } from '../../../sim/hardware/connectivity.ts';
import { HardwareCounter } from '../../../sim/hardware/event-counter.ts';
import { buildLayout } from '../../../sim/hardware/machine.ts';
import { createCounter, mapNetwork } from '../../../sim/hardware/map.ts';
import type { NetworkShape } from '../../../sim/hardware/network-shape.ts';
import type { Placement } from '../../../sim/hardware/placement.ts';
import { type Platform, withPlatform } from '../../../sim/hardware/platform.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../../sim/hardware/report.ts';
import { buildTraffic, type TrafficPlan } from '../../../sim/hardware/traffic.ts';
import { Rng } from '../../../src/core/rng.ts';
import { miniCuba, network, projection } from './fixtures.ts';

/** A placement drawn by hand: neuron → core, core → router node. */
function handPlacement(
  p: Platform,
  conn: Connectivity,
  coreOf: number[],
  coreNodes: number[],
  layoutCores: number,
): Placement {
  const layout = buildLayout(p, layoutCores, 'row-major');
  const coreNode = Int32Array.from(coreNodes);
  const neuronsOnCore = new Uint32Array(coreNodes.length);
  for (const c of coreOf) neuronsOnCore[c]!++;
  const chips = new Set(coreNodes.map((n) => layout.nodeChip[n]!));
  void conn;
  return {
    strategy: 'sequential',
    coreOf: Int32Array.from(coreOf),
    cores: coreNodes.length,
    neuronsOnCore,
    axonsOnCore: new Uint32Array(coreNodes.length),
    neuronCap: p.capacity.neuronsPerCore,
    totalCores: coreNodes.length,
    layout,
    coreNode,
    coreChip: Int32Array.from(coreNodes.map((n) => layout.nodeChip[n]!)),
    chipsUsed: chips.size,
  };
}

/** One source neuron fanning out to three target neurons (two synapses onto the first). */
const fanOut = network(
  [
    ['src', 1],
    ['dst', 3],
  ],
  [
    projection(0, 1, 1, [
      { i: 0, j: 0 },
      { i: 0, j: 0 },
      { i: 0, j: 1 },
      { i: 0, j: 2 },
    ]),
  ],
);

function oneSpike(plan: TrafficPlan): HardwareCounter {
  const c = new HardwareCounter(plan);
  c.onSpikes(0, Uint32Array.of(0), 1);
  c.finish(1);
  return c;
}

describe('multicast routes on a hand-drawn placement', () => {
  const conn = buildConnectivity(fanOut);

  it('4 × 4 mesh: source (0,0), targets (3,0), (3,2), (1,1) → one packet, 3 copies, 6 links (unicast would be 3 + 5 + 2 = 10)', () => {
    // One core per router, so cores sit exactly where drawn.
    const mesh = withPlatform(platform('loihi'), {
      capacity: { coresPerNode: 1, nodesPerChipX: 4, nodesPerChipY: 4 },
    });
    const at = (x: number, y: number) => y * 4 + x;
    const pl = handPlacement(mesh, conn, [0, 1, 2, 3], [at(0, 0), at(3, 0), at(3, 2), at(1, 1)], 4);
    const c = oneSpike(buildTraffic(fanOut, conn, pl, mesh));
    expect([c.packets, c.deliveries, c.hops]).toEqual([1, 3, 6]);
    // x first: (0,0)→(1,0)→(2,0)→(3,0) east–west; (3,0)→(3,1)→(3,2) and (1,0)→(1,1) north–south.
    expect(Array.from(c.hopsByAxis)).toEqual([3, 3, 0]);
    expect(c.synapticEvents).toBe(4);
    expect(Array.from(c.perCore().synapticEvents)).toEqual([0, 2, 1, 1]);
    expect(c.linkLoads().reduce((a, b) => a + b, 0)).toBe(6);
    expect(c.linkLoads().filter((l) => l > 1).length).toBe(0);
  });

  it('4 × 4 triangular torus: targets 1, 2 and 2 hops away share the first hop → 4 links, axes E–W 1, N–S 1, diagonal 2', () => {
    const sp = platform('spinnaker'); // 16 chips of 16 cores → a 4 × 4 torus
    const at = (x: number, y: number) => y * 4 + x;
    // Source chip (0,0); targets (3,3) = one SW hop, (2,1) = E then NE, (1,3) = E then S.
    const pl = handPlacement(sp, conn, [0, 1, 2, 3], [at(0, 0), at(3, 3), at(2, 1), at(1, 3)], 256);
    expect(pl.layout.topology.width).toBe(4);
    const plan = buildTraffic(fanOut, conn, pl, sp);
    const c = oneSpike(plan);
    expect([c.packets, c.deliveries, c.hops]).toEqual([1, 3, 4]);
    expect(Array.from(c.hopsByAxis)).toEqual([1, 1, 2]);
    expect(c.chipCrossings).toBe(4); // every torus link joins two chips
    // A table entry on the source chip, the branching chip (1,0) and the three target chips.
    expect(Array.from(plan.routingEntriesPerChip).reduce((a, b) => a + b, 0)).toBe(5);
    expect(plan.routingEntriesPerChip[at(1, 0)]).toBe(1);
  });

  it('packets passing straight through a chip need no table entry (SpiNNaker default routing)', () => {
    const sp = platform('spinnaker');
    const one = network(
      [
        ['a', 1],
        ['b', 1],
      ],
      [projection(0, 1, 1, [{ i: 0, j: 0 }])],
    );
    const cn = buildConnectivity(one);
    const pl = handPlacement(sp, cn, [0, 1], [0, 3], 64 * 16); // 8 × 8 torus, (0,0) → (3,0)
    const plan = buildTraffic(one, cn, pl, sp);
    expect(oneSpike(plan).hops).toBe(3);
    expect(Array.from(plan.routingEntriesPerChip.subarray(0, 4))).toEqual([1, 0, 0, 1]);
  });

  it('a spike whose targets share its own core still makes one packet, with no hop', () => {
    const mesh = platform('loihi');
    const pl = handPlacement(mesh, conn, [0, 0, 0, 0], [0], 1);
    const c = oneSpike(buildTraffic(fanOut, conn, pl, mesh));
    expect([c.packets, c.deliveries, c.hops, c.synapticEvents]).toEqual([1, 1, 0, 4]);
  });
});

/** Σ fan-out of the spiking neurons, straight from the projections' CSR rows. */
function fanOutOf(net: NetworkShape, id: number): number {
  let m = 0;
  for (const pr of net.projections) {
    const pre = net.populations[pr.pre]!;
    if (id >= pre.offset && id < pre.offset + pre.size) {
      m += pr.rowStart[id - pre.offset + 1]! - pr.rowStart[id - pre.offset]!;
    }
  }
  return m;
}

/** Checks every route is a tree from its source reaching each delivery core by a shortest path. */
function checkRoutes(plan: TrafficPlan, pl: Placement) {
  const topo = pl.layout.topology;
  for (let v = 0; v < plan.neurons; v++) {
    for (let s = plan.sendStart[v]!; s < plan.sendStart[v + 1]!; s++) {
      const r = plan.sendRoute[s]!;
      const source = pl.coreNode[plan.sendCore[s]!]!;
      const parentOf = new Map<number, number>();
      for (let i = plan.routeLinkStart[r]!; i < plan.routeLinkStart[r + 1]!; i++) {
        const link = plan.routeLinks[i]!;
        const from = Math.floor(link / topo.degree);
        const to = topo.neighbour(from, link % topo.degree);
        expect(parentOf.has(to)).toBe(false); // no router receives a packet twice
        parentOf.set(to, from);
      }
      const cores = plan.routeCores.subarray(plan.routeCoreStart[r]!, plan.routeCoreStart[r + 1]!);
      expect(new Set(cores).size).toBe(cores.length); // each core once
      for (const c of cores) {
        let node = pl.coreNode[c]!;
        let depth = 0;
        while (node !== source) {
          node = parentOf.get(node)!;
          expect(node).toBeDefined();
          depth++;
        }
        expect(depth).toBe(topo.distance(source, pl.coreNode[c]!));
      }
    }
  }
}

describe('event conservation on a mini CUBA with hand-made spike sequences', () => {
  const net = miniCuba(2);
  const n = 400;
  for (const name of ['spinnaker', 'spinnaker2', 'loihi']) {
    for (const strategy of ['sequential', 'clustered'] as const) {
      it(`${name}, ${strategy}: packets, copies, synaptic events and hops add up exactly`, () => {
        const p = platform(name);
        const mapped = mapNetwork(net, p, { placement: strategy });
        const { traffic: plan, placement: pl } = mapped;
        checkRoutes(plan, pl);
        const counter = createCounter(mapped);
        const rng = new Rng(9);
        const ids = new Uint32Array(n);
        let spikes = 0;
        let events = 0;
        let packets = 0;
        let copies = 0;
        const ticks = 40;
        for (let t = 0; t < ticks; t++) {
          let count = 0;
          for (let v = 0; v < n; v++) if (rng.uniform() < 0.08) ids[count++] = v;
          counter.onSpikes(t, ids, count);
          for (let k = 0; k < count; k++) {
            const v = ids[k]!;
            spikes++;
            events += fanOutOf(net, v);
            // Cores this spike must reach: its own targets' cores, or (one key per
            // source core) the union over every neuron of its core.
            const reach = new Set<number>();
            for (let u = 0; u < n; u++) {
              if (p.routeGranularity === 'neuron' ? u !== v : pl.coreOf[u] !== pl.coreOf[v])
                continue;
              for (
                let e = mapped.connectivity.outStart[u]!;
                e < mapped.connectivity.outStart[u + 1]!;
                e++
              ) {
                reach.add(pl.coreOf[mapped.connectivity.outTarget[e]!]!);
              }
            }
            if (reach.size > 0) packets++; // one packet per source core per spike
            copies += reach.size; // each target core exactly once
          }
        }
        counter.finish(ticks);
        expect(counter.spikes).toBe(spikes);
        expect(counter.synapticEvents).toBe(events);
        expect(counter.packets).toBe(packets);
        expect(counter.deliveries).toBe(copies);
        const perCore = counter.perCore();
        expect(perCore.synapticEvents.reduce((a, b) => a + b, 0)).toBe(events);
        expect(perCore.deliveries.reduce((a, b) => a + b, 0)).toBe(copies);
        expect(perCore.packetsSent.reduce((a, b) => a + b, 0)).toBe(packets);
        expect(counter.linkLoads().reduce((a, b) => a + b, 0)).toBe(counter.hops);
        expect(counter.neuronUpdates).toBe(ticks * n);
        const series = counter.tickSeries();
        expect(series.spikes.reduce((a, b) => a + b, 0)).toBe(spikes);
        expect(series.synapticEvents.reduce((a, b) => a + b, 0)).toBe(events);
      });
    }
  }

  it('clustered placement needs fewer copies and hops than sequential on scattered clusters (SpiNNaker)', () => {
    // 8 groups of 64, connected inside (p = 0.3), their ids scattered by a permutation.
    const rng = new Rng(4);
    const groups = 8;
    const size = 64;
    const perm = rng.permutation(groups * size);
    const edges = [];
    for (let g = 0; g < groups; g++) {
      for (let a = 0; a < size; a++) {
        for (let b = 0; b < size; b++) {
          if (a !== b && rng.uniform() < 0.3)
            edges.push({ i: perm[g * size + a]!, j: perm[g * size + b]! });
        }
      }
    }
    const clustered = network([['cells', groups * size]], [projection(0, 0, groups * size, edges)]);
    // 64 neurons per core and 2 cores per chip: the 8 groups need 4 chips, so routes cross links.
    const p = withPlatform(platform('spinnaker'), {
      capacity: { neuronsPerCore: size, coresPerNode: 2 },
    });
    const run = (strategy: 'sequential' | 'clustered') => {
      const m = mapNetwork(clustered, p, { placement: strategy });
      const c = createCounter(m);
      const all = Uint32Array.from({ length: groups * size }, (_, i) => i);
      c.onSpikes(0, all, all.length);
      c.finish(1);
      return c;
    };
    const seq = run('sequential');
    const clu = run('clustered');
    expect(clu.synapticEvents).toBe(seq.synapticEvents);
    // Each group fills one core: every spike stays home (8 cores × 64 spikes = 512 copies).
    expect(clu.deliveries).toBe(512);
    expect(seq.deliveries).toBeGreaterThan(4 * clu.deliveries);
    expect(clu.hops).toBe(0);
    expect(seq.hops).toBeGreaterThan(500);
  });
});

describe('real-time verdict', () => {
  it('3,000 events on one SpiNNaker core in one tick overrun its 2,343-event budget by 3000/2343 = 1.28', () => {
    const edges = Array.from({ length: 3000 }, (_, i) => ({ i, j: 0 }));
    const net = network(
      [
        ['in', 3000],
        ['out', 1],
      ],
      [projection(0, 1, 3000, edges)],
    );
    const mapped = mapNetwork(net, platform('spinnaker'), {
      placement: 'sequential',
      sources: [0],
    });
    const c = createCounter(mapped);
    const ids = Uint32Array.from({ length: 3000 }, (_, i) => i);
    c.onSpikes(2, ids, 1000); // 1,000 events at tick 2: within budget
    c.onSpikes(5, ids, 3000); // 3,000 at tick 5: over
    c.finish(10);
    const r = hardwareReport(mapped, c);
    expect(r.realTime).toBe(false);
    expect(r.overrun).toBeCloseTo(3000 / 2343, 12);
    expect(r.busiestCore).toEqual({
      core: mapped.placement.coreOf[3000],
      tick: 5,
      synapticEvents: 3000,
      budget: 2343,
    });
    // Sources are not updated: only the one 'out' neuron, over 10 ticks.
    expect(r.neuronUpdates).toBe(10);
    expect(r.ticks).toBe(10);
  });

  it('SpiNNaker 2 has no published budget: the verdict is null, not a guess', () => {
    const mapped = mapNetwork(fanOut, platform('spinnaker2'));
    const c = createCounter(mapped);
    c.onSpikes(0, Uint32Array.of(0), 1);
    c.finish(1);
    const r = hardwareReport(mapped, c);
    expect([r.realTime, r.overrun]).toEqual([null, null]);
    expect(r.energy.complete).toBe(false);
  });

  it('a run counted in two parts (another thread) and appended equals one counter over the whole run, report and worst tick included', () => {
    const net = miniCuba(3);
    const mapped = mapNetwork(net, platform('spinnaker'), { placement: 'clustered' });
    const whole = createCounter(mapped);
    const first = createCounter(mapped);
    const second = createCounter(mapped);
    const rng = new Rng(12);
    const ids = new Uint32Array(400);
    const split = 23;
    for (let t = 0; t < 50; t++) {
      let count = 0;
      // a burst in the second part makes its worst tick the run's
      const p = t === 31 ? 0.5 : 0.05;
      for (let v = 0; v < 400; v++) if (rng.uniform() < p) ids[count++] = v;
      whole.onSpikes(t, ids, count);
      if (t < split) first.onSpikes(t, ids, count);
      else second.onSpikes(t - split, ids, count);
    }
    whole.finish(52);
    first.finish(split);
    second.finish(52 - split);
    first.append(second.snapshot());
    first.finish(52);
    expect(first.worstTick).toBe(31);
    expect(first.snapshot()).toEqual(whole.snapshot());
    expect(hardwareReport(mapped, first)).toEqual(hardwareReport(mapped, whole));
    const other = createCounter(mapNetwork(miniCuba(4), platform('loihi')));
    expect(() =>
      other.append(createCounter(mapNetwork(fanOut, platform('loihi'))).snapshot()),
    ).toThrow('counter snapshot: 4 neurons; allowed: a snapshot of the same mapping');
  });

  it('rejects ticks that go backwards', () => {
    const c = createCounter(mapNetwork(fanOut, platform('loihi')));
    c.onSpikes(3, Uint32Array.of(0), 1);
    expect(() => c.onSpikes(1, Uint32Array.of(0), 1)).toThrow('onSpikes tick: got 1 after tick 3');
  });
});

describe('Loihi: a time step lasts its busiest core, then the barrier (Davies et al. 2018, Table 2)', () => {
  // 3.5 ns per synaptic op, 5.3 ns per neuron update, +3.1 ns for a neuron that spikes, barrier 113 ns on one tile
  const SYN = 3.5e-9;
  const UPDATE = 5.3e-9;
  const ACTIVE = 8.4e-9 - 5.3e-9;

  it('a neuron that spikes pays the active update (8.4 ns instead of 5.3): 3 of 3 targets spiking in one tick', () => {
    const mapped = mapNetwork(fanOut, platform('loihi'), { placement: 'sequential', sources: [0] });
    const c = createCounter(mapped);
    c.onSpikes(0, Uint32Array.of(1, 2, 3), 3);
    c.finish(1);
    expect(mapped.placement.totalCores).toBe(1);
    expect(c.busiestCoreSeconds!).toBeCloseTo(3 * UPDATE + 3 * ACTIVE, 18);
  });

  it('1,000 synaptic events on one core in one of 10 ticks: 10 × 5.3 ns (one neuron updated) + 1,000 × 3.5 ns; then the barrier each tick', () => {
    const edges = Array.from({ length: 1000 }, (_, i) => ({ i, j: 0 }));
    const net = network(
      [
        ['in', 1000],
        ['out', 1],
      ],
      [projection(0, 1, 1000, edges)],
    );
    const mapped = mapNetwork(net, platform('loihi'), { placement: 'sequential', sources: [0] });
    const c = createCounter(mapped);
    expect(c.idleStepSeconds).toBeCloseTo(UPDATE, 18); // one updated neuron, on the 'out' core
    const ids = Uint32Array.from({ length: 1000 }, (_, i) => i);
    c.onSpikes(4, ids, 1000);
    c.finish(10);
    // tick 4: the out core does 1 update and 1,000 events; the sources are never updated, so their spikes cost nothing there
    expect(c.busiestCoreSeconds!).toBeCloseTo(10 * UPDATE + 1000 * SYN, 15);
    const r = hardwareReport(mapped, c);
    expect(r.time.model).toBe('busiest-core');
    const tiles = new Set(Array.from(mapped.placement.coreNode.subarray(0, r.cores))).size;
    const barrier = 113e-9 + ((tiles - 1) * (465e-9 - 113e-9)) / 31;
    expect(r.time.seconds).toBeCloseTo(c.busiestCoreSeconds! + 10 * barrier, 15);
    expect(r.time.realTimeFactor).toBeCloseTo(r.time.seconds / 0.01, 12);
    expect(r.energy.seconds).toBe(r.time.seconds);
  });

  it('ticks without spikes cost the slowest core’s neuron updates: 400 neurons on one core, 100 silent ticks = 100 × 400 × 5.3 ns', () => {
    const mapped = mapNetwork(miniCuba(5), platform('loihi'), { placement: 'sequential' });
    const c = createCounter(mapped);
    c.finish(100);
    expect(mapped.placement.totalCores).toBe(1);
    expect(c.busiestCoreSeconds!).toBeCloseTo(100 * 400 * UPDATE, 15);
    expect(hardwareReport(mapped, c).time.seconds).toBeCloseTo(100 * (400 * UPDATE + 113e-9), 15);
  });

  it('a run counted in two parts and appended has the busiest-core time of one counter over both', () => {
    const mapped = mapNetwork(miniCuba(6), platform('loihi'), { placement: 'clustered' });
    const whole = createCounter(mapped);
    const a = createCounter(mapped);
    const b = createCounter(mapped);
    const rng = new Rng(5);
    const ids = new Uint32Array(400);
    for (let t = 0; t < 40; t++) {
      let k = 0;
      for (let v = 0; v < 400; v++) if (rng.uniform() < 0.05) ids[k++] = v;
      whole.onSpikes(t, ids, k);
      if (t < 17) a.onSpikes(t, ids, k);
      else b.onSpikes(t - 17, ids, k);
    }
    whole.finish(40);
    a.finish(17);
    b.finish(23);
    a.append(b.snapshot());
    a.finish(40);
    expect(a.busiestCoreSeconds!).toBeCloseTo(whole.busiestCoreSeconds!, 18);
  });

  it('fixed-tick chips keep no step time: TrueNorth and SpiNNaker counters have none, and their runs last ticks × 1 ms', () => {
    for (const name of ['truenorth', 'spinnaker']) {
      const mapped = mapNetwork(fanOut, platform(name));
      const c = createCounter(mapped);
      c.finish(30);
      expect(c.busiestCoreSeconds).toBeNull();
      expect(hardwareReport(mapped, c).time).toMatchObject({ seconds: 0.03, realTimeFactor: 1 });
    }
  });
});

describe('JSON report', () => {
  it('energy in the report equals Σ counts × costs read back from the report itself (SpiNNaker)', () => {
    const net = miniCuba(5);
    const mapped = mapNetwork(net, platform('spinnaker'));
    const c = createCounter(mapped);
    const rng = new Rng(1);
    const ids = new Uint32Array(400);
    for (let t = 0; t < 100; t++) {
      let k = 0;
      for (let v = 0; v < 400; v++) if (rng.uniform() < 0.01) ids[k++] = v;
      c.onSpikes(t, ids, k);
    }
    c.finish(100);
    const r = JSON.parse(JSON.stringify(hardwareReport(mapped, c)));
    const chipSeconds = 0.36 * (r.durationMs / 1000);
    const dynamic = r.neuronUpdates * 26e-9 + r.synapticEvents * 13.3e-9;
    expect(r.energy.dynamicJoules).toBeCloseTo(dynamic, 12);
    expect(r.energy.staticJoules.wholeChips).toBeCloseTo(chipSeconds * r.chips, 12);
    expect(r.energy.staticJoules.usedCores).toBeCloseTo((chipSeconds * r.cores) / 16, 12);
    expect(r.energy.joules).toBeCloseTo(dynamic + (chipSeconds * r.cores) / 16, 12);
    expect(r.energy.complete).toBe(true);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        'cores',
        'chips',
        'packets',
        'hops',
        'synapticEvents',
        'spikes',
        'neuronUpdates',
        'realTime',
        'overrun',
        'energy',
        'placement',
      ]),
    );
    expect(r.energy.source).toMatch(/Stromatias/);
    // Doubling the per-event cost adds exactly synapticEvents × 13.3 nJ.
    const table = mapped.platform.energy;
    const doubled = hardwareReport(mapped, c, withCost(table, 'synapticEvent', 2 * 13.3e-9));
    expect(doubled.energy.joules - r.energy.joules).toBeCloseTo(r.synapticEvents * 13.3e-9, 12);
    expect(r.routing).toMatchObject({ limit: 1023, withinLimit: true });
  });
});
