/**
 * Synthetic "dog weights": a regression set whose conditional distribution
 * p(weight | attributes) is multi-modal. Four hidden breeds, equally likely,
 * weigh about 2, 10, 20 and 70 kg with spreads growing with size. The three
 * attributes tell the breed only in part:
 *   height score — breed level 0, 1, 2, 3 plus noise of sd 1 (neighbours overlap);
 *   long coat    — 0/1 with a breed-dependent probability;
 *   age (years)  — uniform in [1, 12], independent of the breed.
 * Given the attributes the weight is a mixture of the breeds' Gaussians, so a
 * single Gaussian (MSE) model must average modes that a mixture density
 * network can keep apart.
 */
import { Rng, type Seed } from '../../core/rng.ts';
import { type Dataset, makeDataset } from '../dataset.ts';

export const DOG_BREEDS = [
  { name: 'toy', meanKg: 2, sdKg: 0.3, height: 0, longCoat: 0.7 },
  { name: 'small', meanKg: 10, sdKg: 1.2, height: 1, longCoat: 0.3 },
  { name: 'medium', meanKg: 20, sdKg: 2.5, height: 2, longCoat: 0.5 },
  { name: 'giant', meanKg: 70, sdKg: 6, height: 3, longCoat: 0.2 },
] as const;

export function dogsDataset(o: { n?: number; seed?: Seed } = {}): Dataset {
  const n = o.n ?? 4000;
  const rng = new Rng(o.seed ?? 0).derive('dogs');
  const x = new Float32Array(3 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const b = DOG_BREEDS[rng.int(DOG_BREEDS.length)]!;
    x[3 * i] = b.height + rng.normal(0, 1);
    x[3 * i + 1] = rng.bernoulli(b.longCoat) ? 1 : 0;
    x[3 * i + 2] = rng.range(1, 12);
    y[i] = b.meanKg + rng.normal(0, b.sdKg);
  }
  return makeDataset({
    name: 'dogs',
    task: 'regression',
    inputShape: [3],
    features: 3,
    n,
    x,
    y,
    splitRule: { kind: 'stratified', testFraction: 0.25 },
    source: `synthetic dog weights, 4 hidden breeds (n ${n})`,
  });
}
