import { describe, expect, it } from 'vitest';
import { createCounter } from '../../../../../sim/hardware/map.ts';
import type { NetworkShape } from '../../../../../sim/hardware/network-shape.ts';
import { withPlatform } from '../../../../../sim/hardware/platform.ts';
import { mapOnto } from '../../../../../sim/hardware/platform-run.ts';
import { platform } from '../../../../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../../../../sim/hardware/report.ts';
import { mapToTrueNorth } from '../../../../../sim/hardware/truenorth/map/map.ts';
import { truenorth } from '../../../../../sim/hardware/truenorth/platform.ts';
import { Rng } from '../../../../../src/core/rng.ts';
import {
  miniCuba,
  network,
  oneNeuronWith257Inputs,
  projection,
  twoNeuronsWith257Inputs,
} from '../../fixtures.ts';

/** TrueNorth with 4 neurons per core, so small networks span several cores. */
const tiny = withPlatform(truenorth, { capacity: { neuronsPerCore: 4 } });

const fanOut = network(
  [
    ['src', 1],
    ['dst', 12],
  ],
  [
    projection(
      0,
      1,
      1,
      Array.from({ length: 12 }, (_, j) => ({ i: 0, j, weight: 3 })),
    ),
  ],
);

describe('TrueNorth: one target per neuron', () => {
  it('a neuron whose synapses reach 4 cores gets 4 splitters on a relay core: 5 packets per spike, nothing lost', () => {
    // Sequential fill, 4 per core: [src d0 d1 d2] [d3–d6] [d7–d10] [d11] → targets on cores 0–3.
    const m = mapToTrueNorth(fanOut, { platform: tiny, placement: 'sequential' });
    expect(m.truenorth.report.relays).toEqual({
      relayedNeurons: 1,
      splitterNeurons: 4,
      relayCores: 1,
      delayedSynapses: 12,
    });
    expect(m.placement.totalCores).toBe(5); // 4 network cores + 1 relay core
    const c = createCounter(m);
    c.onSpikes(0, Uint32Array.of(0), 1);
    c.finish(1);
    expect(c.packets).toBe(5); // src → relay, then one per splitter
    expect(c.synapticEvents).toBe(12); // the network's own events, unchanged
    expect([c.relaySpikes, c.relaySynapticEvents]).toEqual([4, 4]);
    expect(c.perCore().synapticEvents[4]).toBe(4); // the relay core's crossbar events
    expect(m.truenorth.report.changes[0]).toBe(
      'fan-out: 1 neurons send through 4 splitter neurons on 1 relay cores; 12 synapses of delay 1 now take 2 ticks',
    );
  });

  it('in reject mode the same network is refused, naming the neuron, its projection and the limit', () => {
    expect(() =>
      mapToTrueNorth(fanOut, { platform: tiny, placement: 'sequential', mode: 'reject' }),
    ).toThrow(
      "IBM TrueNorth: neuron 0 of population 'src' (#0) (projection #0 ('src' → 'dst')) sends to 4 distinct (core, delay) targets; allowed: 1 target axon per neuron (Merolla et al. 2014 §S4). Map it with relay neurons or reduce its fan-out.",
    );
  });

  it('one target core at two delays also needs two splitters (the delay is set by the sender)', () => {
    const net = network(
      [
        ['src', 1],
        ['dst', 2],
      ],
      [
        projection(0, 1, 1, [
          { i: 0, j: 0, delay: 1 },
          { i: 0, j: 1, delay: 3 },
        ]),
      ],
    );
    const m = mapToTrueNorth(net, { placement: 'sequential' });
    expect(m.truenorth.report.relays).toMatchObject({
      relayedNeurons: 1,
      splitterNeurons: 2,
      delayedSynapses: 1,
    });
  });

  it('delays above 15 ticks are rejected in both modes', () => {
    const net = network(
      [
        ['a', 1],
        ['b', 1],
      ],
      [projection(0, 1, 1, [{ i: 0, j: 0, delay: 16 }])],
    );
    for (const mode of ['transform', 'reject'] as const) {
      expect(() => mapToTrueNorth(net, { mode })).toThrow(
        "IBM TrueNorth: projection #0 ('a' → 'b') has a synapse with delay 16 ticks; allowed: 1–15 ticks (Merolla et al. 2014, Science 345:668 p. 5)",
      );
    }
  });
});

describe('TrueNorth: 257 axons on one core', () => {
  it('is split across cores when two neurons share the load, and every synapse still arrives (400 events)', () => {
    const net = twoNeuronsWith257Inputs();
    const m = mapToTrueNorth(net, { placement: 'sequential' });
    const c = createCounter(m);
    c.onSpikes(
      0,
      Uint32Array.from({ length: 257 }, (_, i) => i),
      257,
    );
    c.finish(1);
    expect(c.synapticEvents).toBe(400);
    expect(m.placement.axonsOnCore[m.placement.coreOf[257]!]).toBeLessThanOrEqual(256);
    expect(m.placement.axonsOnCore[m.placement.coreOf[258]!]).toBeLessThanOrEqual(256);
  });

  it('is rejected when one neuron alone needs 257 axons', () => {
    const net = oneNeuronWith257Inputs();
    expect(() => mapOnto(net, platform('truenorth'))).toThrow(
      /needs 257 axons .*allowed: at most 256 axons per core/,
    );
  });
});

/** One post neuron fed by `weights.length` pre neurons of one projection each. */
function converging(weights: number[][]): NetworkShape {
  const pops: [string, number][] = weights.map((w, k) => [`p${k}`, w.length]);
  pops.push(['post', 1]);
  const post = weights.length;
  return network(
    pops,
    weights.map((w, k) =>
      projection(
        k,
        post,
        w.length,
        w.map((weight, i) => ({ i, j: 0, weight })),
      ),
    ),
  );
}

describe('TrueNorth: weights and axon types', () => {
  it('integer weights with one value per axon type are kept exactly, at scale 1, even in reject mode', () => {
    const m = mapToTrueNorth(converging([[5, 5], [-7]]), { mode: 'reject' });
    const w = m.truenorth.weights;
    expect(w.report).toMatchObject({ scale: 1, maxAbsError: 0, rmsError: 0, clipped: 0, pairs: 3 });
    // Neuron 3 (post): type 0 = projection #0 (5), type 1 = projection #1 (−7).
    expect(Array.from(w.weightTable.subarray(12, 16))).toEqual([5, -7, 0, 0]);
    expect(m.truenorth.report.changes).toEqual([]);
  });

  it('two axons of one type with weights 1 and 3 share S = 2: errors ±1, relative RMS 1/√5 = 0.447', () => {
    const m = mapToTrueNorth(converging([[1, 3]]));
    const r = m.truenorth.weights.report;
    expect([r.scale, r.maxAbsError, r.rmsError]).toEqual([1, 1, 1]);
    expect(r.relativeRmsError).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(() => mapToTrueNorth(converging([[1, 3]]), { mode: 'reject' })).toThrow(
      "IBM TrueNorth: projection #0 ('p0' → 'post') gives neuron 0 of population 'post' (#1) a weight 1 that its axon-type table cannot hold exactly (nearest 2); allowed: integers in -256…255, one value per axon type and neuron",
    );
  });

  it('a weight of 300 is rescaled (×255/300) in transform mode and refused in reject mode', () => {
    const m = mapToTrueNorth(converging([[300], [-150]]));
    const r = m.truenorth.weights.report;
    expect(r.scale).toBeCloseTo(0.85, 12);
    // 300 × 0.85 = 255 exactly; −150 × 0.85 = −127.5 → −127 (rounds half up), error 0.5/0.85.
    expect(Array.from(m.truenorth.weights.weightTable.subarray(8, 10))).toEqual([255, -127]);
    expect(r.maxAbsError).toBeCloseTo(0.5 / 0.85, 12);
    expect(() => mapToTrueNorth(converging([[300]]), { mode: 'reject' })).toThrow(/weight 300/);
  });

  it('five projections into one core share four axon types: the two closest (40, 41) merge, S = 41, error 1', () => {
    const m = mapToTrueNorth(converging([[10], [20], [30], [40], [41]]));
    const r = m.truenorth.weights.report;
    expect(r.coresWithMergedTypes).toBe(1);
    expect(r.maxAbsError).toBe(1);
    expect(m.truenorth.report.changes).toContain(
      'axon types: projections share a type on 1 cores fed by more than 4 projections',
    );
    expect(() =>
      mapToTrueNorth(converging([[10], [20], [30], [40], [41]]), { mode: 'reject' }),
    ).toThrow(/core 0 is fed by 5 projections .*allowed: 4 axon types per core/);
  });

  it('two synapses on one axon–neuron pair become one crossbar bit carrying their sum (2 + 2 → 4, error 0)', () => {
    const net = network(
      [
        ['a', 1],
        ['b', 1],
      ],
      [
        projection(0, 1, 1, [
          { i: 0, j: 0, weight: 2 },
          { i: 0, j: 0, weight: 2 },
        ]),
      ],
    );
    const m = mapToTrueNorth(net);
    expect(m.truenorth.weights.report).toMatchObject({ multapses: 1, maxAbsError: 0, pairs: 1 });
    expect(m.truenorth.weights.weightTable[4]).toBe(4);
    expect(() => mapToTrueNorth(net, { mode: 'reject' })).toThrow(
      /1 repeated axon–neuron synapses/,
    );
  });
});

describe('TrueNorth on a mini CUBA', () => {
  it('conserves events through relays: network events = Σ fan-out, relay events = Σ splitters, packets = Σ (1 + splitters)', () => {
    const net = miniCuba(7);
    const m = mapToTrueNorth(net, {
      placement: 'sequential',
      platform: withPlatform(truenorth, { capacity: { neuronsPerCore: 64 } }),
    });
    const plan = m.traffic;
    const c = createCounter(m);
    const rng = new Rng(3);
    const ids = new Uint32Array(400);
    let events = 0;
    let relay = 0;
    let packets = 0;
    for (let t = 0; t < 30; t++) {
      let k = 0;
      for (let v = 0; v < 400; v++) if (rng.uniform() < 0.05) ids[k++] = v;
      c.onSpikes(t, ids, k);
      for (let i = 0; i < k; i++) {
        const v = ids[i]!;
        const fan = m.connectivity.outStart[v + 1]! - m.connectivity.outStart[v]!;
        events += fan;
        relay += plan.relaySpikes[v]!;
        packets += plan.relaySpikes[v]! > 0 ? 1 + plan.relaySpikes[v]! : fan > 0 ? 1 : 0;
      }
    }
    c.finish(30);
    expect(c.synapticEvents).toBe(events);
    expect(c.relaySynapticEvents).toBe(relay);
    expect(c.packets).toBe(packets);
    expect(c.deliveries).toBe(packets); // TrueNorth packets have exactly one destination core
    const r = hardwareReport(m, c);
    expect(r.transform?.relays.relayedNeurons).toBeGreaterThan(0);
    // Weights 1.62 and −9 at scale 255/9: −9 exact, 1.62 → 46/28.33 = 1.6235.
    expect(r.transform?.weights.scale).toBeCloseTo(255 / 9, 12);
    expect(r.transform?.weights.maxAbsError).toBeCloseTo(46 / (255 / 9) - 1.62, 6);
  });
});
