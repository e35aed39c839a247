/**
 * Randman (Zenke & Vogels 2021, Neural Computation 33:899; fzenke/randman
 * re-written on spikelab's seeded generator): each class is a random smooth
 * manifold of dimension D in an E-dimensional cube, and each sample a point
 * on it, whose E coordinates become the firing ticks of E input channels,
 * one spike each. The class lives in spike timing only: every sample has the
 * same number of spikes.
 *
 * A manifold coordinate is a product over d < D of random 1-D functions
 *   f(x) = Σ_{k<K} θ0_k · (k + 1)^−α · sin(2π(k·x·θ1_k + θ2_k)),
 * θ uniform in [0, 1), θ0_0 = 0 (no offset), K = min(⌈prec^(−1/α)⌉, 1000)
 * with prec 10⁻³. Coordinates are min-max standardised per class and
 * channel, then a spike falls at tick ⌊u · steps · stepFraction⌋.
 *
 * Features hold the spike tick of each channel (the `events` encoding).
 */
import { Rng, type Seed } from '../../core/rng.ts';
import { type Dataset, makeDataset } from '../dataset.ts';

export interface RandmanOptions {
  classes?: number;
  channels?: number;
  steps?: number;
  stepFraction?: number;
  manifoldDim?: number;
  alpha?: number;
  samplesPerClass?: number;
  seed?: Seed;
}

/** Defaults of the Zenke lab's stork Randman example. */
export const RANDMAN_DEFAULTS = {
  classes: 10,
  channels: 20,
  steps: 100,
  stepFraction: 0.5,
  manifoldDim: 1,
  alpha: 1,
  samplesPerClass: 1000,
} as const;

function manifold(rng: Rng, channels: number, dims: number, k: number) {
  const theta = new Float64Array(channels * dims * 3 * k);
  for (let i = 0; i < theta.length; i++) theta[i] = rng.uniform();
  for (let c = 0; c < channels; c++)
    for (let d = 0; d < dims; d++) theta[((c * dims + d) * 3 + 0) * k] = 0;
  return theta;
}

export function randmanDataset(o: RandmanOptions = {}): Dataset {
  const s = { ...RANDMAN_DEFAULTS, ...o };
  const { classes, channels: E, manifoldDim: D, alpha, samplesPerClass: m } = s;
  const K = Math.min(Math.ceil(1e-3 ** (-1 / alpha)), 1000);
  const rng = new Rng(o.seed ?? 0).derive('randman');
  const amp = Float64Array.from({ length: K }, (_, i) => (i + 1) ** -alpha);
  const n = classes * m;
  const coords = new Float64Array(m * E);
  const order = rng.derive('order').permutation(n);
  const x = new Float32Array(n * E);
  const y = new Int32Array(n);
  const scale = s.steps * s.stepFraction;
  for (let c = 0; c < classes; c++) {
    const theta = manifold(rng.derive(`class/${c}`), E, D, K);
    const points = rng.derive(`points/${c}`);
    const u = Float64Array.from({ length: m * D }, () => points.uniform());
    for (let e = 0; e < E; e++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < m; i++) {
        let v = 1;
        for (let d = 0; d < D; d++) {
          const base = (e * D + d) * 3 * K;
          const xd = u[i * D + d]!;
          let f = 0;
          for (let q = 0; q < K; q++) {
            const phase = 2 * Math.PI * (q * xd * theta[base + K + q]! + theta[base + 2 * K + q]!);
            f += theta[base + q]! * amp[q]! * Math.sin(phase);
          }
          v *= f;
        }
        coords[i * E + e] = v;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      for (let i = 0; i < m; i++) {
        const z = (coords[i * E + e]! - lo) / (hi - lo + 1e-7);
        const row = order[c * m + i]!;
        x[row * E + e] = Math.min(s.steps - 1, Math.floor(z * scale));
        y[row] = c;
      }
    }
  }
  const train = Math.round(0.8 * n);
  const validation = Math.round(0.1 * n);
  return makeDataset({
    name: 'randman',
    task: 'classification',
    inputShape: [E],
    features: E,
    n,
    classes: Array.from({ length: classes }, (_, i) => `manifold ${i}`),
    x,
    y,
    splitRule: { kind: 'fixed', trainCount: train, validationCount: validation },
    source: `synthetic Randman (Zenke & Vogels 2021): ${classes} classes, ${E} channels, manifold dim ${D}, α ${alpha}, ${s.steps} steps × step fraction ${s.stepFraction}, ${m} samples per class; 80/10/10 train/validation/test`,
  });
}
