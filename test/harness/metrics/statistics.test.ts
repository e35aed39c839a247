/**
 * Wilson intervals and McNemar's exact test against closed forms: the
 * binomial sums are small enough to write out, and BigInt arithmetic gives
 * the exact p-value of every small table to compare the log-space sum with.
 */
import { describe, expect, it } from 'vitest';
import {
  mcnemarExact,
  pairCounts,
  spread,
  wilsonInterval,
} from '../../../src/harness/metrics/statistics.ts';

/** 2 · Σ_{i ≤ min(b, c)} C(b + c, i) / 2^(b + c), capped at 1, in exact integers. */
function exactP(b: number, c: number): number {
  const n = b + c;
  let term = 1n;
  let sum = 0n;
  for (let i = 0; i <= Math.min(b, c); i++) {
    sum += term;
    term = (term * BigInt(n - i)) / BigInt(i + 1);
  }
  return Math.min(1, Number((2n * sum * 10n ** 18n) / 2n ** BigInt(n)) / 1e18);
}

describe('wilsonInterval', () => {
  it('9 of 10: [0.5958, 0.9821] (the textbook example; the normal interval would pass 1)', () => {
    const w = wilsonInterval(9, 10);
    expect(w.low).toBeCloseTo(0.5958, 4);
    expect(w.high).toBeCloseTo(0.9821, 4);
  });

  it('351 of 359 (digits at 97.77 %): [95.67 %, 98.87 %], so two such accuracies cannot be told apart by their intervals', () => {
    const w = wilsonInterval(351, 359);
    expect(w.low).toBeCloseTo(0.95665, 5);
    expect(w.high).toBeCloseTo(0.98867, 5);
  });

  it('is exact at the ends: 0 of n starts at 0, n of n ends at 1; no sample gives [0, 1]', () => {
    expect(wilsonInterval(0, 30).low).toBe(0);
    expect(wilsonInterval(30, 30).high).toBe(1);
    expect(wilsonInterval(30, 30).low).toBeCloseTo(30 / (30 + 1.959963984540054 ** 2), 12);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('contains the point estimate and narrows as 1/√n', () => {
    const small = wilsonInterval(80, 100);
    const large = wilsonInterval(8000, 10000);
    expect(small.low).toBeLessThan(0.8);
    expect(small.high).toBeGreaterThan(0.8);
    const ratio = (small.high - small.low) / (large.high - large.low);
    expect(ratio).toBeGreaterThan(9.5);
    expect(ratio).toBeLessThan(10.5);
  });

  it('refuses counts that are not counts, naming the field', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(
      /^correct: got 11; allowed: an integer in \[0, 10\]/,
    );
    expect(() => wilsonInterval(1, -1)).toThrow(/^samples: got -1/);
    expect(() => wilsonInterval(0.5, 10)).toThrow(/^correct/);
  });
});

describe('mcnemarExact', () => {
  it('b = 5, c = 15: p = 2 · 21,700 / 2^20 = 0.04139 (significant at 5 %)', () => {
    expect(mcnemarExact(5, 15)).toBeCloseTo(0.0413894653, 9);
    expect(mcnemarExact(15, 5)).toBe(mcnemarExact(5, 15));
  });

  it('no discordant sample, or a balanced split, gives p = 1', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(3, 3)).toBe(1);
    expect(mcnemarExact(5000, 5000)).toBe(1);
  });

  it('equals the exact binomial sum for every table with b + c ≤ 40', () => {
    for (let b = 0; b <= 20; b++) {
      for (let c = 0; c <= 20; c++) {
        expect(mcnemarExact(b, c)).toBeCloseTo(exactP(b, c), 12);
      }
    }
  });

  it('does not underflow on 10,000 discordant samples: 4,800 vs 5,200 lies near the normal approximation (z = 3.99, p ≈ 6.6e-5)', () => {
    const p = mcnemarExact(4800, 5200);
    expect(p).toBeGreaterThan(5e-5);
    expect(p).toBeLessThan(8e-5);
    // 0 vs 1,000: p = 2 · 2^-1000 = 2^-999 ≈ 1.9e-301, near the bottom of a double's range yet exact
    expect(mcnemarExact(0, 1000) / 2 ** -999).toBeCloseTo(1, 12);
  });

  it('refuses negative or fractional counts', () => {
    expect(() => mcnemarExact(-1, 2)).toThrow(/^b: got -1; allowed: an integer ≥ 0/);
    expect(() => mcnemarExact(1, 2.5)).toThrow(/^c: got 2.5/);
  });
});

describe('pairCounts', () => {
  it('splits the samples into the four cells of the 2 × 2 table', () => {
    const labels = [0, 1, 2, 0, 1, 2];
    const a = [0, 1, 2, 1, 1, 0]; // right on 0, 1, 2, 4
    const b = [0, 2, 2, 0, 0, 0]; // right on 0, 2, 3
    expect(pairCounts(a, b, labels)).toEqual({
      samples: 6,
      bothRight: 2,
      onlyFirst: 2,
      onlySecond: 1,
      bothWrong: 1,
    });
  });

  it('refuses predictions of another length', () => {
    expect(() => pairCounts([0], [0, 1], [0, 1])).toThrow(/^predictions: /);
  });
});

describe('spread', () => {
  it('mean and sample standard deviation (n − 1): 2, 4, 4, 4, 5, 5, 7, 9 → 5 ± 2.138', () => {
    const s = spread([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect([s.n, s.min, s.max]).toEqual([8, 2, 9]);
    expect(spread([3]).sd).toBe(0);
  });

  it('refuses no values or a non-finite one', () => {
    expect(() => spread([])).toThrow(/^values: /);
    expect(() => spread([1, Number.NaN])).toThrow(/^values: got NaN/);
  });
});
