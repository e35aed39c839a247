import { describe, expect, it } from 'vitest';
import { updateTrueNorth } from '../../../../sim/neurons/truenorth/dynamics.ts';
import {
  checkTrueNorthParams,
  createTrueNorthParams,
  createTrueNorthState,
  RESET_NONE,
  RESET_SUBTRACT,
  RESET_TO_VALUE,
  type TrueNorthDefaults,
} from '../../../../sim/neurons/truenorth/params.ts';
import { Rng } from '../../../../src/core/rng.ts';

/** Runs one neuron for the given per-tick type-0 input counts; returns V after each tick and the spike ticks. */
function trace(set: Partial<TrueNorthDefaults>, counts: number[], v0 = 0, seed = 1) {
  const p = createTrueNorthParams(1, set);
  checkTrueNorthParams(p);
  const s = createTrueNorthState(1, v0);
  const rng = new Rng(seed);
  const input = new Uint16Array(4);
  const out = new Uint32Array(1);
  const v: number[] = [];
  const spikes: number[] = [];
  counts.forEach((c, t) => {
    input[0] = c;
    if (updateTrueNorth(s, p, input, rng, out) === 1) spikes.push(t);
    v.push(s.v[0]!);
  });
  return { v, spikes };
}

describe('TrueNorth neuron, deterministic modes (hand-computed traces)', () => {
  const drive = { weights: [2, 0, 0, 0] as const, leak: -1, threshold: 5 };

  it('integrate, leak, fire and reset to a value: V = 1, 4, 3, 8 → spike → 0', () => {
    // t0: 0 + 2·1 − 1 = 1; t1: 1 + 2·2 − 1 = 4; t2: 4 − 1 = 3; t3: 3 + 2·3 − 1 = 8 ≥ 5 → R = 0.
    const r = trace({ ...drive, resetMode: RESET_TO_VALUE, resetValue: 0 }, [1, 2, 0, 3]);
    expect(r.v).toEqual([1, 4, 3, 0]);
    expect(r.spikes).toEqual([3]);
  });

  it('reset by subtraction keeps the excess: 8 − 5 = 3, then 3 − 1 = 2', () => {
    const r = trace({ ...drive, resetMode: RESET_SUBTRACT }, [1, 2, 0, 3, 0]);
    expect(r.v).toEqual([1, 4, 3, 3, 2]);
    expect(r.spikes).toEqual([3]);
  });

  it('no reset: V keeps growing and the neuron fires on every tick above threshold (6, 12, 18)', () => {
    const r = trace({ weights: [3, 0, 0, 0], threshold: 5, resetMode: RESET_NONE }, [2, 2, 2]);
    expect(r.v).toEqual([6, 12, 18]);
    expect(r.spikes).toEqual([0, 1, 2]);
  });

  it('negative floor (κ = 1): V saturates at −β = −3', () => {
    // −2, −4 → −3, −5 → −3
    const r = trace({ weights: [-2, 0, 0, 0], negThreshold: 3, negativeSaturate: 1 }, [1, 1, 1]);
    expect(r.v).toEqual([-2, -3, -3]);
  });

  it('negative reset (κ = 0): to −R, or by adding β, below −β', () => {
    const toValue = trace(
      {
        weights: [-2, 0, 0, 0],
        negThreshold: 3,
        negativeSaturate: 0,
        resetMode: RESET_TO_VALUE,
        resetValue: 1,
      },
      [1, 1, 1],
    );
    expect(toValue.v).toEqual([-2, -1, -3]); // −4 < −3 → −1; −1 − 2 = −3, not below −3
    const linear = trace(
      { weights: [-2, 0, 0, 0], negThreshold: 3, negativeSaturate: 0, resetMode: RESET_SUBTRACT },
      [1, 1, 1],
    );
    expect(linear.v).toEqual([-2, -1, -3]); // −4 + 3 = −1
    const none = trace(
      { weights: [-2, 0, 0, 0], negThreshold: 3, negativeSaturate: 0, resetMode: RESET_NONE },
      [1, 1, 1],
    );
    expect(none.v).toEqual([-2, -4, -6]);
  });

  it('leak reversal (ε = 1): a leak of −1 pulls V to 0 from either side and stops there', () => {
    expect(trace({ leak: -1, leakReversal: 1, threshold: 100 }, [0, 0, 0, 0], 3).v).toEqual([
      2, 1, 0, 0,
    ]);
    expect(
      trace({ leak: -1, leakReversal: 1, threshold: 100, negThreshold: 100 }, [0, 0, 0, 0], -3).v,
    ).toEqual([-2, -1, 0, 0]);
    // Without reversal the same leak drives V down through 0: 2, 1, 0, −1.
    expect(trace({ leak: -1, threshold: 100, negThreshold: 100 }, [0, 0, 0, 0], 3).v).toEqual([
      2, 1, 0, -1,
    ]);
  });

  it('sums all four axon types with their own weights: 1·5 + 2·(−3) + 0 + 3·1 = 2', () => {
    const p = createTrueNorthParams(1, { weights: [5, -3, 7, 1], threshold: 100 });
    const s = createTrueNorthState(1);
    updateTrueNorth(s, p, Uint16Array.of(1, 2, 0, 3), new Rng(1), new Uint32Array(1));
    expect(s.v[0]).toBe(2);
  });

  it('holds V in the 20-bit register: +1000 at 2^19 − 1 stays 524,287', () => {
    expect(
      trace({ weights: [255, 0, 0, 0], threshold: 0, resetMode: RESET_NONE }, [4], 524_287 - 500).v,
    ).toEqual([524_287]);
  });
});

describe('TrueNorth neuron, stochastic modes', () => {
  it('stochastic synapse: each event adds sgn(s) when the 8-bit draw is below |s| (draw-by-draw trace)', () => {
    const s = 100;
    const counts = [3, 0, 5, 2];
    const r = trace(
      { weights: [s, 0, 0, 0], stochasticSynapse: [1, 0, 0, 0], threshold: 1000 },
      counts,
      0,
      42,
    );
    // Hand trace: the same seed, one 8-bit draw per event, in event order.
    const rng = new Rng(42);
    let v = 0;
    const expected = counts.map((c) => {
      for (let k = 0; k < c; k++) if ((rng.nextU32() & 0xff) < s) v += 1;
      return v;
    });
    expect(r.v).toEqual(expected);
  });

  it('stochastic synapse: P(+1) = |s|/256, 0.25 for s = 64 over 20,000 events (within 4σ = 0.012)', () => {
    const r = trace(
      { weights: [64, 0, 0, 0], stochasticSynapse: [1, 0, 0, 0], threshold: 1e5 },
      [20_000],
      0,
      7,
    );
    expect(Math.abs(r.v[0]! / 20_000 - 0.25)).toBeLessThan(4 * Math.sqrt((0.25 * 0.75) / 20_000));
  });

  it('stochastic synapse extremes: s = 0 never moves V, s = −256 always subtracts 1', () => {
    expect(trace({ weights: [0, 0, 0, 0], stochasticSynapse: [1, 0, 0, 0] }, [1000]).v).toEqual([
      0,
    ]);
    expect(
      trace(
        { weights: [-256, 0, 0, 0], stochasticSynapse: [1, 0, 0, 0], negThreshold: 1e5 },
        [1000],
      ).v,
    ).toEqual([-1000]);
  });

  it('stochastic leak: λ = −64 removes 1 with probability 0.25 per tick (10,000 ticks, within 4σ)', () => {
    const ticks = 10_000;
    const r = trace(
      { leak: -64, stochasticLeak: 1, negThreshold: 1e5 },
      new Array(ticks).fill(0),
      0,
      3,
    );
    expect(Math.abs(-r.v[ticks - 1]! / ticks - 0.25)).toBeLessThan(
      4 * Math.sqrt((0.25 * 0.75) / ticks),
    );
  });

  it('stochastic threshold: V = α + 1 with a 2-bit mask fires when η ≤ 1, P = 2/4 (10,000 ticks, within 4σ)', () => {
    const ticks = 10_000;
    const r = trace(
      { threshold: 10, thresholdMaskBits: 2, resetMode: RESET_NONE },
      new Array(ticks).fill(0),
      11,
      5,
    );
    expect(r.v[ticks - 1]).toBe(11);
    expect(Math.abs(r.spikes.length / ticks - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / ticks));
  });

  it('stochastic threshold trace: fires exactly on the ticks whose masked draw η ≤ 1', () => {
    const r = trace(
      { threshold: 10, thresholdMaskBits: 2, resetMode: RESET_NONE },
      new Array(20).fill(0),
      11,
      8,
    );
    const rng = new Rng(8);
    const expected: number[] = [];
    for (let t = 0; t < 20; t++) if ((rng.nextU32() & 3) <= 1) expected.push(t);
    expect(r.spikes).toEqual(expected);
  });

  it('same seed, same spikes; another seed, other spikes', () => {
    const set = {
      weights: [90, 0, 0, 0] as const,
      stochasticSynapse: [1, 0, 0, 0] as const,
      threshold: 3,
      thresholdMaskBits: 3,
    };
    const counts = new Array(200).fill(2);
    expect(trace(set, counts, 0, 11).spikes).toEqual(trace(set, counts, 0, 11).spikes);
    expect(trace(set, counts, 0, 11).spikes).not.toEqual(trace(set, counts, 0, 12).spikes);
  });
});

describe('TrueNorth neuron parameters', () => {
  it('reject values outside the hardware fields, naming the field and index', () => {
    const p = createTrueNorthParams(2);
    p.weights[5] = 300;
    expect(() => checkTrueNorthParams(p)).toThrow(
      'weights[5]: got 300; allowed: 4 integers in -256…255 (S_j^G)',
    );
    const q = createTrueNorthParams(2, { delay: 16 });
    expect(() => checkTrueNorthParams(q)).toThrow(
      'delay[0]: got 16; allowed: an integer in 1…15 (ticks)',
    );
    const r = createTrueNorthParams(1, { resetMode: 3 });
    expect(() => checkTrueNorthParams(r)).toThrow(/resetMode\[0\]: got 3/);
  });

  it('writes several spiking neurons into the output buffer in index order', () => {
    const p = createTrueNorthParams(4, { threshold: 2 });
    const s = createTrueNorthState(4);
    s.v.set([2, 0, 5, 1]);
    const out = new Uint32Array(4);
    const k = updateTrueNorth(s, p, new Uint16Array(16), new Rng(1), out);
    expect(Array.from(out.subarray(0, k))).toEqual([0, 2]);
  });
});
