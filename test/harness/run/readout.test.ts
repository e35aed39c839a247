import { describe, expect, it } from 'vitest';
import { latencyOf } from '../../../src/harness/metrics/latency.ts';
import { ReadoutTracker, readClass } from '../../../src/harness/run/readout.ts';

describe('class readout', () => {
  it('count: most spikes; a tie goes to the higher potential, then to the lower index', () => {
    expect(readClass('count', [3, 5, 5], [0.9, 0.2, 0.4], 3, 1)).toBe(2);
    expect(readClass('count', [3, 5, 5], [0.9, 0.4, 0.4], 3, 1)).toBe(1);
    expect(readClass('count', [0, 0, 0], [-0.1, 0.3, 0.2], 3, 1)).toBe(1); // before any spike: the most charge
  });

  it('membrane: spikes × step + v, the potential of a non-spiking integrator', () => {
    expect(readClass('membrane', [3, 2], [-0.5, 0.9], 2, 1)).toBe(1); // 2.5 < 2.9
    expect(readClass('membrane', [3, 2], [0.2, 0.9], 2, 1)).toBe(0); // 3.2 > 2.9
    expect(readClass('membrane', [1, 1], [0.5, 0.5], 2, 1)).toBe(0);
  });

  it('one output neuron: class 1 when it spiked or holds positive charge', () => {
    expect(readClass('count', [0], [0.2], 1, 1)).toBe(1);
    expect(readClass('count', [0], [-0.2], 1, 1)).toBe(0);
    expect(readClass('membrane', [1], [-1.5], 1, 1)).toBe(0);
  });

  it('tracks per-tick correctness and the tick from which the prediction stays final', () => {
    const t = new ReadoutTracker(4, 2, 'count', 2, 1);
    t.begin(0, 1);
    t.tick(0, [0, 0], [0.1, 0]); // 0
    t.tick(1, [0, 1], [0, 0]); // 1
    t.tick(2, [1, 1], [0.5, 0]); // 0
    t.tick(3, [1, 2], [0, 0]); // 1
    t.end();
    t.begin(1, 0);
    for (let k = 0; k < 4; k++) t.tick(k, [k, 0], [0, 0]); // tie at k = 0 → class 0 throughout
    t.end();
    expect(Array.from(t.correctByTick)).toEqual([1, 2, 1, 2]);
    expect(Array.from(t.settleTicks)).toEqual([4, 1]);
    expect(Array.from(t.predictions)).toEqual([1, 0]);
  });
});

describe('latency from the accuracy curve', () => {
  it('withinOnePercent is the first tick after which accuracy stays ≥ 99 % of the final value', () => {
    // final 0.9: the bar is 0.891; tick 5 dips below it, so the answer is tick 6
    const acc = [0.1, 0.5, 0.89, 0.9, 0.88, 0.895, 0.9];
    const l = latencyOf(acc, Int32Array.of(1, 2, 3, 10));
    expect(l.withinOnePercent).toBe(6);
    // p95 of 1, 2, 3, 10: rank 0.95·3 = 2.85 → 3 + 0.85·7 = 8.95
    expect(l.settle).toMatchObject({ mean: 4, median: 2.5, max: 10 });
    expect(l.settle.p95).toBeCloseTo(8.95, 12);
  });

  it('a flat curve is settled from tick 1', () => {
    expect(latencyOf([0.5, 0.5, 0.5], Int32Array.of(1)).withinOnePercent).toBe(1);
  });
});
