/**
 * Two interleaving half circles, as scikit-learn's make_moons: the outer moon
 * (cos t, sin t) and the inner one (1 − cos t, ½ − sin t) for t in [0, π],
 * plus Gaussian noise. Class 0 is the outer moon.
 */
import { Rng, type Seed } from '../../core/rng.ts';
import { type Dataset, makeDataset } from '../dataset.ts';

export function moonsDataset(o: { n?: number; noise?: number; seed?: Seed } = {}): Dataset {
  const n = o.n ?? 400;
  const noise = o.noise ?? 0.1;
  const rng = new Rng(o.seed ?? 0).derive('moons');
  const x = new Float32Array(2 * n);
  const y = new Int32Array(n);
  const outer = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const isOuter = i < outer;
    const k = isOuter ? i : i - outer;
    const t = (Math.PI * k) / Math.max(1, (isOuter ? outer : n - outer) - 1);
    x[2 * i] = (isOuter ? Math.cos(t) : 1 - Math.cos(t)) + rng.normal(0, noise);
    x[2 * i + 1] = (isOuter ? Math.sin(t) : 0.5 - Math.sin(t)) + rng.normal(0, noise);
    y[i] = isOuter ? 0 : 1;
  }
  return makeDataset({
    name: 'moons',
    task: 'classification',
    inputShape: [2],
    features: 2,
    n,
    classes: ['outer', 'inner'],
    x,
    y,
    splitRule: { kind: 'stratified', testFraction: 0.25 },
    source: `synthetic two moons (n ${n}, noise ${noise})`,
  });
}
