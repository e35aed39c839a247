/**
 * Discrete distributions beyond `Rng`'s own: Poisson counts (external drive,
 * one count per neuron per tick) and geometric gaps (Bernoulli connectivity
 * by skipping). Samplers precompute what they can once and draw without
 * allocating, so they can run inside a tick loop.
 */

import { invalid } from './errors.ts';
import type { Rng } from './rng.ts';

/** log(k!): for k < 16 from a table of sums of logs, above by Stirling's series (error < 1.5e-12, at k = 16). */
const LOG_FACTORIAL: number[] = [];
{
  let f = 0;
  for (let k = 0; k < 16; k++) {
    if (k > 1) f += Math.log(k);
    LOG_FACTORIAL.push(f);
  }
}
export function logFactorial(k: number): number {
  if (k < 16) return LOG_FACTORIAL[k]!;
  const x = k + 1;
  const ix2 = 1 / (x * x);
  // ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵)
  return (
    (x - 0.5) * Math.log(x) - x + 0.9189385332046728 + (1 / 12 - ix2 * (1 / 360 - ix2 / 1260)) / x
  );
}

/** Below this mean, inversion (about λ + 1 steps); above, PTRS rejection (bounded cost). */
const INVERSION_LIMIT = 12;

const TWO_POW_32 = 4294967296;
const GUIDE_BITS = 8;

/**
 * Poisson counts with a fixed mean λ.
 *
 * λ < 12: inversion of one 32-bit uniform against a precomputed CDF table in
 * units of 2^-32, started from a guide table indexed by the top 8 bits (Chen
 * & Asau 1974), so a draw is one generator step and about one comparison: the
 * hot path of an external drive drawn per neuron per tick. The CDF is
 * resolved to 2^-32, so probabilities are exact to within 2.3e-10.
 *
 * λ ≥ 12: Hörmann's PTRS transformed rejection ("The transformed rejection
 * method for generating Poisson random variables", Insurance: Mathematics and
 * Economics 12, 1993), as numpy does.
 */
export class PoissonSampler {
  readonly lambda: number;
  private readonly a: number;
  private readonly b: number;
  private readonly invAlpha: number;
  private readonly vr: number;
  private readonly logLambda: number;
  /** thresholds[k] = P(X ≤ k)·2^32, the last one 2^32 so the search always ends. */
  private readonly thresholds: Float64Array;
  /** guide[j] = smallest k with thresholds[k] > j·2^24. */
  private readonly guide: Int32Array;

  constructor(lambda: number) {
    if (!(lambda >= 0 && Number.isFinite(lambda))) {
      throw invalid('Poisson mean', lambda, 'a finite number ≥ 0');
    }
    this.lambda = lambda;
    const b = 0.931 + 2.53 * Math.sqrt(lambda);
    this.b = b;
    this.a = -0.059 + 0.02483 * b;
    this.invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    this.vr = 0.9277 - 3.6224 / (b - 2);
    this.logLambda = Math.log(lambda);
    const cdf: number[] = [];
    if (lambda < INVERSION_LIMIT) {
      let p = Math.exp(-lambda);
      let c = p;
      for (let k = 0; Math.round(c * TWO_POW_32) < TWO_POW_32 && k < 200; k++) {
        cdf.push(Math.round(c * TWO_POW_32));
        p *= lambda / (k + 1);
        c += p;
      }
      cdf.push(TWO_POW_32);
    }
    this.thresholds = Float64Array.from(cdf);
    this.guide = new Int32Array(1 << GUIDE_BITS);
    let k = 0;
    for (let j = 0; j < this.guide.length && cdf.length > 0; j++) {
      while (cdf[k]! <= j * 2 ** (32 - GUIDE_BITS)) k++;
      this.guide[j] = k;
    }
  }

  /**
   * The inversion tables (λ < 12; null above): thresholds[k] = P(X ≤ k)·2^32
   * ending with 2^32, and guide[j] the first k to test for a uniform u with
   * u >>> 24 = j. A faster implementation of `sample` (a WebAssembly loop)
   * draws the same counts from them.
   */
  inversionTables(): { thresholds: Float64Array; guide: Int32Array } | null {
    return this.lambda < INVERSION_LIMIT
      ? { thresholds: this.thresholds, guide: this.guide }
      : null;
  }

  sample(rng: Rng): number {
    const lambda = this.lambda;
    if (lambda < INVERSION_LIMIT) {
      const u = rng.nextU32();
      const thr = this.thresholds;
      let k = this.guide[u >>> (32 - GUIDE_BITS)]!;
      while (u >= thr[k]!) k++;
      return k;
    }
    const { a, b, invAlpha, vr } = this;
    for (;;) {
      const u = rng.uniform() - 0.5;
      const v = rng.uniform();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
        -lambda + k * this.logLambda - logFactorial(k)
      ) {
        return k;
      }
    }
  }
}

/**
 * Number of failures before the first success of Bernoulli(p) trials:
 * floor(ln(1−U) / ln(1−p)). Skipping over the failures visits only the
 * successes, so a connection probability p over n candidates costs O(p·n).
 * `logOneMinusP` is Math.log1p(−p), precomputed by the caller; p = 1 gives 0.
 */
export function geometricGap(rng: Rng, logOneMinusP: number): number {
  if (logOneMinusP === Number.NEGATIVE_INFINITY) return 0;
  return Math.floor(Math.log1p(-rng.uniform()) / logOneMinusP);
}
