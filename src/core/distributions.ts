/**
 * Discrete distributions beyond `Rng`'s own: Poisson counts (external drive,
 * one count per neuron per tick) and geometric gaps (Bernoulli connectivity
 * by skipping). Samplers precompute what they can once and draw without
 * allocating, so they can run inside a tick loop.
 */

import { invalid } from './errors.ts';
import type { Rng } from './rng.ts';

/** log(k!) for k < 16 exactly from a table, above by Stirling's series (error < 1e-12). */
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

/**
 * Poisson counts with a fixed mean λ. Inversion by sequential search for
 * small λ (exact given the uniform); Hörmann's PTRS transformed rejection
 * ("The transformed rejection method for generating Poisson random
 * variables", Insurance: Mathematics and Economics 12, 1993) for λ ≥ 12,
 * as numpy does.
 */
export class PoissonSampler {
  readonly lambda: number;
  private readonly expNeg: number;
  private readonly a: number;
  private readonly b: number;
  private readonly invAlpha: number;
  private readonly vr: number;
  private readonly logLambda: number;

  constructor(lambda: number) {
    if (!(lambda >= 0 && Number.isFinite(lambda))) {
      throw invalid('Poisson mean', lambda, 'a finite number ≥ 0');
    }
    this.lambda = lambda;
    this.expNeg = Math.exp(-lambda);
    const b = 0.931 + 2.53 * Math.sqrt(lambda);
    this.b = b;
    this.a = -0.059 + 0.02483 * b;
    this.invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    this.vr = 0.9277 - 3.6224 / (b - 2);
    this.logLambda = Math.log(lambda);
  }

  sample(rng: Rng): number {
    const lambda = this.lambda;
    if (lambda < INVERSION_LIMIT) {
      if (lambda === 0) return 0;
      const u = rng.uniform32();
      let k = 0;
      let p = this.expNeg;
      let cdf = p;
      // the cap guards against round-off leaving cdf a hair below u forever
      while (u >= cdf && k < 1000) {
        k++;
        p *= lambda / k;
        cdf += p;
      }
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
