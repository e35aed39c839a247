import { describe, expect, it } from 'vitest';
import { geometricGap, logFactorial, PoissonSampler } from '../../src/core/distributions.ts';
import { Rng } from '../../src/core/rng.ts';

function moments(xs: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let q = 0;
  for (const x of xs) q += (x - mean) ** 2;
  return { mean, variance: q / (xs.length - 1) };
}

describe('logFactorial', () => {
  it('matches the exact sum of logs to 1e-12 on both sides of the table edge', () => {
    let exact = 0;
    for (let k = 1; k <= 200; k++) {
      exact += Math.log(k);
      expect(Math.abs(logFactorial(k) - exact)).toBeLessThan(1e-12 * Math.max(1, exact));
    }
  });
});

describe('PoissonSampler', () => {
  // Poisson: mean = variance = λ; over 200,000 draws the standard error of the
  // mean is sqrt(λ/2e5), so 5 standard errors bound the test's false alarms.
  for (const lambda of [0.02, 2, 11.5, 12, 40, 1000]) {
    it(`has mean and variance λ = ${lambda} within 5 standard errors`, () => {
      const rng = new Rng(7);
      const s = new PoissonSampler(lambda);
      const n = 200_000;
      const xs = new Float64Array(n);
      for (let i = 0; i < n; i++) xs[i] = s.sample(rng);
      const m = moments(xs);
      expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      // var of the sample variance ≈ (λ + 2λ²)/n for a Poisson
      expect(Math.abs(m.variance - lambda)).toBeLessThan(
        5 * Math.sqrt((lambda + 2 * lambda ** 2) / n),
      );
    });
  }

  it('gives P(0) = e^-2 and P(2) = 2e^-2 at λ = 2 (frequencies within 4 standard errors)', () => {
    const rng = new Rng(3);
    const s = new PoissonSampler(2);
    const n = 100_000;
    const counts = new Float64Array(20);
    for (let i = 0; i < n; i++) counts[s.sample(rng)]!++;
    for (const [k, p] of [
      [0, Math.exp(-2)],
      [2, 2 * Math.exp(-2)],
      [5, (32 / 120) * Math.exp(-2)],
    ] as const) {
      expect(Math.abs(counts[k]! / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('rejects a negative or infinite mean', () => {
    expect(() => new PoissonSampler(-1)).toThrow(/Poisson mean: got -1/);
    expect(() => new PoissonSampler(Number.POSITIVE_INFINITY)).toThrow(/allowed/);
  });
});

describe('geometricGap', () => {
  it('has mean (1 − p)/p = 9 for p = 0.1 (within 5 standard errors)', () => {
    const rng = new Rng(11);
    const l = Math.log1p(-0.1);
    const n = 100_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = geometricGap(rng, l);
    const sd = Math.sqrt(0.9) / 0.1;
    expect(Math.abs(moments(xs).mean - 9)).toBeLessThan((5 * sd) / Math.sqrt(n));
  });

  it('is always 0 for p = 1', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10; i++) expect(geometricGap(rng, Math.log1p(-1))).toBe(0);
  });
});
