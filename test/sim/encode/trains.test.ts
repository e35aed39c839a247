/** Spike-train encoders against their definitions. */
import { describe, expect, it } from 'vitest';
import { encodeTrain, trainTicks } from '../../../sim/encode/trains.ts';
import { Rng } from '../../../src/core/rng.ts';

const T = 20;
const run = (encoding: 'rate' | 'latency' | 'delta' | 'events', x: number[], gain = 1) => {
  const out = new Float32Array(T * x.length);
  encodeTrain({ encoding, ticks: T, gain, threshold: 0.1 }, x, out, x.length, 0, new Rng(1));
  return trainTicks(out, T, x.length, 0, x.length);
};

describe('spike trains of static values', () => {
  it('latency: one spike at round((1 − x)(T − 1)), none for x ≤ 0', () => {
    // x = 1 → tick 0; x = 0.5 → round(9.5) = 10 (half away from zero in Math.round); x = 0 → none
    expect(run('latency', [1, 0.5, 0, 0.25])).toEqual([[0], [10], [], [14]]);
  });

  it('delta: ⌊x/θ⌋ spikes of the ramp, evenly spread', () => {
    const ticks = run('delta', [0.5, 1, 0.05]);
    expect(ticks.map((t) => t.length)).toEqual([5, 10, 0]);
    // the ramp 0.5·(t+1)/20 crosses k·0.1 at t + 1 = 4k: ticks 3, 7, 11, 15, 19
    expect(ticks[0]).toEqual([3, 7, 11, 15, 19]);
  });

  it('rate: a Bernoulli(x) spike per tick (mean x·T within 4 sd over 20,000 ticks)', () => {
    const x = Array.from({ length: 1000 }, () => 0.3);
    const n = run('rate', x).reduce((s, t) => s + t.length, 0);
    const sd = Math.sqrt(20000 * 0.3 * 0.7);
    expect(Math.abs(n - 6000)).toBeLessThan(4 * sd);
  });

  it('events: the value is the tick; out of range means silence', () => {
    expect(run('events', [0, 7, 19, 20, -1])).toEqual([[0], [7], [19], [], []]);
  });
});
