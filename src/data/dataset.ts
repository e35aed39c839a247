/**
 * One shape for every data set: features as rows of a Float32Array, and per
 * sample either a class index (classification) or a target value
 * (regression). Nothing here knows about networks or spikes.
 */
import { SpikelabError } from '../core/errors.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { stratifiedSplit } from './split.ts';

export type Task = 'classification' | 'regression';

/** How `split` divides a data set when asked for its default split. */
export type SplitRule =
  | { kind: 'stratified'; testFraction: number }
  // the first trainCount samples train, the rest test (MNIST's own split); with validationCount
  // the next validationCount samples are held out for validation and the test set follows
  | { kind: 'fixed'; trainCount: number; validationCount?: number }
  | { kind: 'all' }; // train and test are the whole set (XOR's four points)

export interface Dataset {
  readonly name: string;
  readonly task: Task;
  /** Shape of one sample, e.g. [28, 28] or [4]. */
  readonly inputShape: readonly number[];
  /** Features per sample (the product of inputShape). */
  readonly features: number;
  readonly n: number;
  /** Class names, index = label (classification only). */
  readonly classes?: readonly string[];
  /** n × features, row-major. */
  readonly x: Float32Array;
  /** Class index per sample (Int32Array) or target per sample (Float32Array). */
  readonly y: Int32Array | Float32Array;
  readonly splitRule: SplitRule;
  /** Where the data come from and under which licence (shown by the CLI). */
  readonly source: string;
}

export interface Split {
  train: Dataset;
  test: Dataset;
  /** The held-out validation samples, for data sets that define them. */
  validation?: Dataset;
}

export function makeDataset(d: Dataset): Dataset {
  const features = d.inputShape.reduce((p, v) => p * v, 1);
  if (features !== d.features || d.x.length !== d.n * d.features || d.y.length !== d.n) {
    throw new SpikelabError(
      'SHAPE_MISMATCH',
      `dataset ${d.name}: ${d.x.length} feature values and ${d.y.length} labels for ${d.n} samples of [${d.inputShape.join(', ')}]`,
    );
  }
  if (d.task === 'classification') {
    const c = d.classes?.length ?? 0;
    const bad = (d.y as Int32Array).findIndex((v) => !(v >= 0 && v < c));
    if (bad >= 0)
      throw new SpikelabError(
        'INVALID_FILE',
        `dataset ${d.name}: label[${bad}] = ${d.y[bad]}; allowed: 0..${c - 1}`,
      );
  }
  return d;
}

/** The samples at `indices`, in that order, as a data set of their own. */
export function subset(d: Dataset, indices: ArrayLike<number>, name = d.name): Dataset {
  const f = d.features;
  const x = new Float32Array(indices.length * f);
  const y =
    d.y instanceof Int32Array ? new Int32Array(indices.length) : new Float32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const s = indices[i]!;
    x.set(d.x.subarray(s * f, (s + 1) * f), i * f);
    y[i] = d.y[s]!;
  }
  return { ...d, name, n: indices.length, x, y, splitRule: { kind: 'all' } };
}

/**
 * The data set's default train/test split. Stratified splits keep each class's
 * share in both parts and depend only on the seed.
 */
export function split(d: Dataset, seed: Seed): Split {
  const rule = d.splitRule;
  if (rule.kind === 'all') return { train: d, test: d };
  if (rule.kind === 'fixed') {
    const idx = (a: number, b: number) => Int32Array.from({ length: b - a }, (_, i) => a + i);
    const v = rule.validationCount ?? 0;
    const parts: Split = {
      train: subset(d, idx(0, rule.trainCount)),
      test: subset(d, idx(rule.trainCount + v, d.n)),
    };
    if (v > 0) parts.validation = subset(d, idx(rule.trainCount, rule.trainCount + v));
    return parts;
  }
  const strata = d.task === 'classification' ? (d.y as Int32Array) : new Int32Array(d.n);
  const { train, test } = stratifiedSplit(strata, rule.testFraction, new Rng(seed).derive('split'));
  return { train: subset(d, train), test: subset(d, test) };
}

/** Number of samples per class. */
export function classCounts(d: Dataset): number[] {
  const counts = new Array<number>(d.classes?.length ?? 0).fill(0);
  for (const v of d.y) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}
