/**
 * The statistics a comparison states beside its figures: a 95 % Wilson
 * score interval for each accuracy (Wilson 1927, J. Am. Stat. Assoc.
 * 22:209; it keeps its coverage near 0 and 1 and for small test sets,
 * where the normal approximation does not), McNemar's exact test for two
 * classifiers judged on the same samples (McNemar 1947, Psychometrika
 * 12:153; the exact form is the two-sided binomial test on the discordant
 * samples, as statsmodels' `mcnemar(exact=True)`), and mean ± sample
 * standard deviation over seeds. Pure functions; browser-safe.
 */
import { invalid } from '../../core/errors.ts';

/** The standard normal quantile of 0.975: the half-width of a 95 % interval in standard errors. */
export const Z_95 = 1.959963984540054;

/** Significance level at which the Markdown says a difference is significant. */
export const ALPHA = 0.05;

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The Wilson score interval of `correct` successes in `samples` trials ([0, 1] for no trial). */
export function wilsonInterval(correct: number, samples: number, z = Z_95): Interval {
  if (!(Number.isInteger(samples) && samples >= 0))
    throw invalid('samples', samples, 'an integer ≥ 0');
  if (!(Number.isInteger(correct) && correct >= 0 && correct <= samples))
    throw invalid('correct', correct, `an integer in [0, ${samples}]`);
  if (samples === 0) return { low: 0, high: 1 };
  const n = samples;
  const p = correct / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // the bounds are exact at 0 and n successes; clamp away rounding beyond [0, 1]
  return {
    low: correct === 0 ? 0 : Math.max(0, centre - half),
    high: correct === n ? 1 : Math.min(1, centre + half),
  };
}

/** Counts of two classifiers on the same samples. */
export interface PairCounts {
  readonly samples: number;
  readonly bothRight: number;
  /** Samples the first classifier gets right and the second wrong. */
  readonly onlyFirst: number;
  /** Samples the second gets right and the first wrong. */
  readonly onlySecond: number;
  readonly bothWrong: number;
}

/** The four cells of the 2 × 2 table of `a` and `b` against `labels` (same length). */
export function pairCounts(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  labels: ArrayLike<number>,
): PairCounts {
  if (a.length !== labels.length || b.length !== labels.length) {
    throw invalid(
      'predictions',
      `${a.length} and ${b.length} for ${labels.length} labels`,
      'one prediction per labelled sample in both',
    );
  }
  let bothRight = 0;
  let onlyFirst = 0;
  let onlySecond = 0;
  for (let s = 0; s < labels.length; s++) {
    const ra = a[s] === labels[s];
    const rb = b[s] === labels[s];
    if (ra && rb) bothRight++;
    else if (ra) onlyFirst++;
    else if (rb) onlySecond++;
  }
  const samples = labels.length;
  return {
    samples,
    bothRight,
    onlyFirst,
    onlySecond,
    bothWrong: samples - bothRight - onlyFirst - onlySecond,
  };
}

/** log(e^x + e^y) without overflow. */
function logAdd(x: number, y: number): number {
  if (x === Number.NEGATIVE_INFINITY) return y;
  const m = Math.max(x, y);
  return m + Math.log(Math.exp(x - m) + Math.exp(y - m));
}

/**
 * Two-sided exact McNemar p-value for `b` and `c` discordant samples: under
 * the null hypothesis each discordant sample falls either way with
 * probability ½, so p = min(1, 2 · P(X ≤ min(b, c))) for X ~ Binomial(b + c, ½).
 * Summed in log space, so 10,000 discordant samples do not underflow.
 */
export function mcnemarExact(b: number, c: number): number {
  for (const [name, v] of [
    ['b', b],
    ['c', c],
  ] as const) {
    if (!(Number.isInteger(v) && v >= 0)) throw invalid(name, v, 'an integer ≥ 0');
  }
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  let logTerm = -n * Math.LN2; // log C(n, 0) / 2^n
  let logTail = logTerm;
  for (let i = 0; i < k; i++) {
    logTerm += Math.log((n - i) / (i + 1));
    logTail = logAdd(logTail, logTerm);
  }
  return Math.min(1, 2 * Math.exp(logTail));
}

export interface Spread {
  readonly mean: number;
  /** Sample standard deviation (n − 1); 0 for one value. */
  readonly sd: number;
  readonly n: number;
  readonly min: number;
  readonly max: number;
}

/** Mean and sample standard deviation of `values` (at least one, all finite). */
export function spread(values: readonly number[]): Spread {
  if (values.length === 0) throw invalid('values', values, 'at least one number');
  for (const v of values) if (!Number.isFinite(v)) throw invalid('values', v, 'finite numbers');
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const ss = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return {
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0,
    n,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
