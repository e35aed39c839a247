import { describe, expect, it } from 'vitest';
import {
  computeEnergy,
  type EnergyCounts,
  EVENT_KINDS,
  energyTable,
  energyTables,
  withCost,
} from '../../../sim/energy/index.ts';
import {
  TRUENORTH_HOP_X_J,
  TRUENORTH_HOP_Y_J,
  TRUENORTH_MARGINAL_EVENT_J,
  TRUENORTH_STATIC_W,
  truenorthEnergy,
} from '../../../sim/energy/truenorth.ts';

const counts: EnergyCounts = {
  events: {
    neuronUpdate: 4_000_000,
    spike: 22_500,
    synapticEvent: 1_800_000,
    packet: 22_500,
    delivery: 60_000,
    hopEastWest: 5_000,
    hopNorthSouth: 7_000,
    hopDiagonal: 3_000,
    chipCrossing: 100,
    mac: 1e6,
    ac: 2e6,
    sramAccess: 3e5,
    dramAccess: 1e3,
  },
  seconds: 1,
  chips: 2,
  cores: 3,
};

/** The same counts with every core of both chips in use, so that used cores = whole chips. */
const fullChips = (name: string): EnergyCounts => ({
  ...counts,
  cores: counts.chips * energyTable(name).coresPerChip.count,
});

/** Σ count × cost written out independently of computeEnergy's loop. */
function handSum(name: string): number {
  const t = energyTable(name);
  let sum = 0;
  for (const [kind, n] of Object.entries(counts.events)) {
    const e = t.perEvent[kind as keyof typeof t.perEvent];
    if (e && e.status !== 'included' && e.status !== 'unknown' && e.joules !== null) {
      sum += n * e.joules;
    }
  }
  const st = t.staticWattsPerChip;
  if (st.joules !== null && st.status !== 'unknown')
    sum += st.joules * counts.chips * counts.seconds;
  return sum;
}

describe('energy = Σ counts × costs + static power × time', () => {
  for (const name of Object.keys(energyTables)) {
    it(`${name}: the report equals the hand sum and its breakdown adds up`, () => {
      const r = computeEnergy(fullChips(name), energyTable(name));
      expect(r.joules).toBeCloseTo(handSum(name), 15);
      const parts = Object.values(r.breakdown).reduce((a, b) => a + b, 0);
      expect(parts).toBeCloseTo(r.dynamicJoules, 15);
      expect(r.joules).toBeCloseTo(r.dynamicJoules + (r.staticJoules.usedCores ?? 0), 15);
      expect(r.staticJoules.usedCores).toBe(r.staticJoules.wholeChips);
      expect(r.source.length).toBeGreaterThan(20);
    });
  }

  it('changes linearly when one cost is doubled: ΔE = count × cost, other terms unchanged', () => {
    for (const name of ['truenorth', 'spinnaker', 'loihi', 'cpu']) {
      const t = energyTable(name);
      const kind = name === 'cpu' ? 'mac' : 'synapticEvent';
      const cost = t.perEvent[kind]!.joules!;
      const base = computeEnergy(fullChips(name), t);
      const doubled = computeEnergy(fullChips(name), withCost(t, kind, 2 * cost));
      const n = counts.events[kind]!;
      expect(doubled.dynamicJoules - base.dynamicJoules).toBeCloseTo(n * cost, 15);
      expect(doubled.staticJoules).toEqual(base.staticJoules);
      expect(doubled.breakdown[kind]).toBeCloseTo(2 * base.breakdown[kind]!, 15);
      for (const k of Object.keys(base.breakdown)) {
        if (k !== kind) expect(doubled.breakdown[k]).toBe(base.breakdown[k]);
      }
    }
  });

  it('charges nothing for kinds a table marks as included in another term', () => {
    const r = computeEnergy(counts, energyTable('spinnaker'));
    // SpiNNaker's linear model: neuron updates + synaptic events + idle power only.
    expect(Object.keys(r.breakdown).sort()).toEqual(['neuronUpdate', 'synapticEvent']);
    expect(r.breakdown['neuronUpdate']).toBeCloseTo(4e6 * 26e-9, 12); // 0.104 J
    expect(r.breakdown['synapticEvent']).toBeCloseTo(1.8e6 * 13.3e-9, 12); // 0.02394 J
    expect(r.staticJoules.wholeChips).toBeCloseTo(2 * 0.36, 12);
  });

  it('static power pro-rated to the cores used: 3 of 16 SpiNNaker cores pay 3/16 of a chip; whole chips pay both chips', () => {
    for (const name of ['truenorth', 'spinnaker', 'loihi', 'cpu', 'accelerator']) {
      const t = energyTable(name);
      const cores = Math.min(counts.cores, counts.chips * t.coresPerChip.count);
      const r = computeEnergy({ ...counts, cores }, t);
      const w = t.staticWattsPerChip.joules!;
      expect(r.staticJoules.wholeChips).toBeCloseTo(w * 2 * 1, 12);
      expect(r.staticJoules.usedCores).toBeCloseTo((w * cores) / t.coresPerChip.count, 12);
      expect(r.joules).toBeCloseTo(r.dynamicJoules + r.staticJoules.usedCores!, 15);
    }
    const sp = computeEnergy(counts, energyTable('spinnaker'));
    expect(sp.staticJoules.usedCores).toBeCloseTo((0.36 * 3) / 16, 12); // 67.5 mJ
    expect(() => computeEnergy({ ...counts, cores: 33 }, energyTable('spinnaker'))).toThrow(
      /^cores: got 33; allowed: 0 to chips × coresPerChip = 2 × 16/,
    );
  });

  it('every table names how many cores share a chip and how long a run takes there', () => {
    expect(energyTable('truenorth').coresPerChip.count).toBe(4096);
    expect(energyTable('spinnaker').coresPerChip.count).toBe(16);
    expect(energyTable('loihi').coresPerChip.count).toBe(128);
    expect(energyTable('cpu').coresPerChip.count).toBe(18);
    expect(energyTable('truenorth').time.kind).toBe('fixed-tick');
    expect(energyTable('spinnaker').time.kind).toBe('fixed-tick');
    expect(energyTable('loihi').time.kind).toBe('busiest-core');
    expect(energyTable('cpu').time.kind).toBe('roofline');
    expect(energyTable('accelerator').time.kind).toBe('roofline');
    for (const t of Object.values(energyTables))
      expect(t.coresPerChip.source.length).toBeGreaterThan(10);
  });

  it('reports incomplete energy, never an invented cost, when a counted kind has no published figure', () => {
    const snn: EnergyCounts = {
      events: { neuronUpdate: 4e6, spike: 22_500, synapticEvent: 1.8e6, packet: 22_500 },
      seconds: 1,
      chips: 1,
      cores: 1,
    };
    const r = computeEnergy(snn, energyTable('spinnaker2'));
    expect(r.complete).toBe(false);
    expect(r.joules).toBe(0);
    // spike and packet are simply absent from the table: unknown too.
    expect(r.unpriced).toEqual(['neuronUpdate', 'spike', 'synapticEvent', 'packet', 'static']);
    // Loihi has no chip-to-chip figure: a multi-chip run is a lower bound.
    const loihi = computeEnergy(counts, energyTable('loihi'));
    expect(loihi.unpriced).toEqual([
      'hopDiagonal',
      'chipCrossing',
      'mac',
      'ac',
      'sramAccess',
      'dramAccess',
    ]);
  });

  it('every cost entry names a source, and every priced entry has a positive finite value', () => {
    for (const t of Object.values(energyTables)) {
      for (const kind of EVENT_KINDS) {
        const e = t.perEvent[kind];
        if (!e) continue;
        expect(e.source.length).toBeGreaterThan(5);
        if (e.status !== 'included' && e.status !== 'unknown') {
          expect(Number.isFinite(e.joules) && e.joules! > 0).toBe(true);
        }
      }
    }
  });

  it('rejects an unknown table name with the allowed list', () => {
    expect(() => energyTable('neurogrid')).toThrow(/allowed: one of truenorth, spinnaker/);
  });
});

describe('TrueNorth affine model against the published measurements', () => {
  const neurons = 4096 * 256;
  const chipPower = (hz: number, hopsPerAxis: number) => {
    const spikes = neurons * hz;
    return computeEnergy(
      {
        events: {
          synapticEvent: spikes * 128,
          hopEastWest: spikes * hopsPerAxis,
          hopNorthSouth: spikes * hopsPerAxis,
          neuronUpdate: neurons * 1000,
        },
        seconds: 1,
        chips: 1,
        cores: 4096,
      },
      truenorthEnergy,
    ).joules;
  };

  it('fit: 2.297 pJ marginal per event and 64.4 mW static at 0.8 V (Akopyan 2015 Fig. 17 endpoints)', () => {
    expect(TRUENORTH_MARGINAL_EVENT_J).toBeCloseTo(2.297e-12, 14);
    expect(TRUENORTH_STATIC_W).toBeCloseTo(0.06443, 5);
    expect(TRUENORTH_HOP_X_J).toBeCloseTo(2.304e-12, 15); // Merolla 2014 Fig. S4: "2.3pJ"
    expect(TRUENORTH_HOP_Y_J).toBeCloseTo(3.744e-12, 15);
  });

  it('predicts the held-out 71 mW at 20.07 Hz within 1 % (Fig. 17 middle bar)', () => {
    expect(Math.abs(chipPower(20.07, 21.3) / 0.071 - 1)).toBeLessThan(0.01);
  });

  it('reproduces Merolla 2014: 26 pJ per synaptic event (total energy) at 20 Hz, 128 synapses, within 2 %', () => {
    const perEvent = chipPower(20, 21.3) / (neurons * 20 * 128);
    expect(Math.abs(perEvent / 26e-12 - 1)).toBeLessThan(0.02);
  });

  it('an idle chip still costs its static power: 64.4 mJ per second', () => {
    expect(chipPower(0, 0)).toBeCloseTo(0.06443, 5);
  });
});
