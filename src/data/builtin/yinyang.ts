/**
 * The Yin-Yang data set (Kriener, Göltz & Petrovici 2021, arXiv 2102.08211;
 * the generator of lkriener/yin_yang_data_set re-written on spikelab's seeded
 * generator): points (x, y) uniform in the disc of radius r_big centred at
 * (r_big, r_big), labelled yin, yang or dot by the symbol's curves, each
 * sample drawn until it lands in a class chosen uniformly first (so the
 * classes are balanced in expectation). Features (x, y, 1 − x, 1 − y), so
 * every sample has the same total input. 5,000 train, 1,000 validation and
 * 1,000 test samples, in that order.
 *
 * Reference accuracies (the paper's Table 1): an ANN 4-30-3 97.6 ± 1.5 %,
 * a linear classifier 63.8 ± 1.0 %.
 */
import { Rng, type Seed } from '../../core/rng.ts';
import { type Dataset, makeDataset } from '../dataset.ts';

export interface YinYangOptions {
  rSmall?: number;
  rBig?: number;
  train?: number;
  validation?: number;
  test?: number;
  seed?: Seed;
}

/** 0 yin, 1 yang, 2 dot, for a point inside the big circle. */
export function yinYangClass(x: number, y: number, rSmall: number, rBig: number): number {
  const dRight = Math.hypot(x - 1.5 * rBig, y - rBig);
  const dLeft = Math.hypot(x - 0.5 * rBig, y - rBig);
  if (dRight < rSmall || dLeft < rSmall) return 2;
  const yin =
    dRight <= rSmall ||
    (dLeft > rSmall && dLeft <= 0.5 * rBig) ||
    (y > rBig && dRight > 0.5 * rBig);
  return yin ? 0 : 1;
}

export function yinYangDataset(o: YinYangOptions = {}): Dataset {
  const rSmall = o.rSmall ?? 0.1;
  const rBig = o.rBig ?? 0.5;
  const counts = [o.train ?? 5000, o.validation ?? 1000, o.test ?? 1000];
  const n = counts[0]! + counts[1]! + counts[2]!;
  const rng = new Rng(o.seed ?? 0).derive('yinyang');
  const x = new Float32Array(4 * n);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const goal = rng.int(3);
    for (;;) {
      const px = rng.range(0, 2 * rBig);
      const py = rng.range(0, 2 * rBig);
      if (Math.hypot(px - rBig, py - rBig) > rBig) continue;
      if (yinYangClass(px, py, rSmall, rBig) !== goal) continue;
      x.set([px, py, 1 - px, 1 - py], 4 * i);
      y[i] = goal;
      break;
    }
  }
  return makeDataset({
    name: 'yinyang',
    task: 'classification',
    inputShape: [4],
    features: 4,
    n,
    classes: ['yin', 'yang', 'dot'],
    x,
    y,
    splitRule: { kind: 'fixed', trainCount: counts[0]!, validationCount: counts[1]! },
    source: `synthetic Yin-Yang (Kriener et al. 2021), r_small ${rSmall}, r_big ${rBig}, ${counts.join(' / ')} train / validation / test`,
  });
}
