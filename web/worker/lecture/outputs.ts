/**
 * Output distributions for the lecture, each from a network the rate engine
 * trains here:
 *
 * - Bernoulli: logistic regression on two overlapping classes on a line;
 *   its σ(wx + b) beside the true posterior σ(2x) of the generating model
 *   (unit-variance classes at ±1 with equal priors: log-odds 2x);
 * - multinoulli: softmax regression on three classes, P(k | x) for each k;
 * - Gaussian against mixture: on the dogs data set (weight from attributes,
 *   several breeds per attribute value), the MDN of
 *   examples/07-mixture-density.ts and a single Gaussian fitted by MSE, each
 *   drawn as its density averaged over the test set, over the test weights'
 *   histogram.
 */
import { mixtureAt } from '../../../src/ann/losses/mdn.ts';
import { mlp } from '../../../src/ann/model.ts';
import { Adam } from '../../../src/ann/optim/adam.ts';
import { tensor } from '../../../src/ann/tensor.ts';
// aliased: the linter takes a bare `fit(` call in web/ for a focused test
import { fit as train } from '../../../src/ann/train.ts';
import { Rng } from '../../../src/core/rng.ts';
import { dogsDataset } from '../../../src/data/builtin/dogs.ts';
import { settingsFor, trainOnDataset } from '../../../src/harness/train-rate.ts';

export interface ClassLesson {
  /** The grid of x and P(class k | x) on it, one array per class. */
  x: Float32Array;
  p: Float32Array[];
  /** Training points: x and label. */
  points: { x: Float32Array; label: Int32Array };
  /** Bernoulli only: the generating model's posterior σ(2x) on the grid. */
  truth: Float32Array | null;
  loss: number;
}

const GRID = 241;

/** n points per class, class k drawn from N(means[k], sd²). */
function classes(means: number[], sd: number, n: number, rng: Rng) {
  const x = new Float32Array(means.length * n);
  const label = new Int32Array(means.length * n);
  means.forEach((m, k) => {
    for (let i = 0; i < n; i++) {
      x[k * n + i] = rng.normal(m, sd);
      label[k * n + i] = k;
    }
  });
  return { x, label };
}

function classLesson(means: number[], sd: number, seed: number): ClassLesson {
  const rng = new Rng(seed).derive('classes');
  const points = classes(means, sd, 100, rng);
  const binary = means.length === 2;
  const model = mlp({ inputs: 1, hidden: [], outputs: binary ? 1 : means.length, seed });
  const history = train(
    model,
    { x: points.x, features: 1, labels: points.label },
    {
      epochs: 300,
      batchSize: 200,
      optimizer: new Adam(model.params, { lr: 0.05 }),
      loss: binary ? { type: 'bce' } : { type: 'softmax-ce' },
      seed,
    },
  );
  const x = Float32Array.from({ length: GRID }, (_, i) => -4 + (8 * i) / (GRID - 1));
  const out = model.predict(tensor(x, [GRID, 1])).data;
  let p: Float32Array[];
  if (binary) p = [Float32Array.from(out, (z) => 1 / (1 + Math.exp(-z)))];
  else {
    const k = means.length;
    p = Array.from({ length: k }, () => new Float32Array(GRID));
    for (let i = 0; i < GRID; i++) {
      const row = out.subarray(i * k, (i + 1) * k);
      const max = Math.max(...row);
      let s = 0;
      for (const v of row) s += Math.exp(v - max);
      for (let j = 0; j < k; j++) p[j]![i] = Math.exp(row[j]! - max) / s;
    }
  }
  const truth = binary ? Float32Array.from(x, (v) => 1 / (1 + Math.exp(-2 * v))) : null;
  return { x, p, points, truth, loss: history[history.length - 1]!.loss };
}

export const bernoulliLesson = (seed = 0) => classLesson([-1, 1], 1, seed);
export const multinoulliLesson = (seed = 0) => classLesson([-2, 0, 2], 0.7, seed);

export interface MixtureLesson {
  /** Weights (kg) the densities are drawn at. */
  kg: Float32Array;
  /** Histogram of the test weights as a density (per kg), held over each ½ kg bin. */
  histogram: Float32Array;
  mixture: Float32Array;
  /** π_j N(w; μ_j, σ_j) averaged over the test set, one per component. */
  components: { density: Float32Array; weight: number; meanKg: number }[];
  gaussian: Float32Array;
  mixtureNll: number;
  gaussianNll: number;
  testSamples: number;
}

const normal = (w: number, mu: number, sd: number) =>
  Math.exp(-0.5 * ((w - mu) / sd) ** 2) / (sd * Math.sqrt(2 * Math.PI));

export function mixtureLesson(seed = 0, k = 4): MixtureLesson {
  const data = dogsDataset({ seed });
  const mdn = trainOnDataset(data, settingsFor('dogs', { loss: 'mdn', components: k }), seed);
  const gauss = trainOnDataset(data, settingsFor('dogs', { loss: 'mse' }), seed);
  const mean = mdn.meta['targetMean'] as number;
  const sd = mdn.meta['targetSd'] as number;
  const n = mdn.test.x.length / data.features;
  // from −30 kg: a single Gaussian puts some of its mass on weights no dog has
  const kg = Float32Array.from({ length: 631 }, (_, i) => -30 + i * 0.2);
  const histogram = new Float32Array(kg.length);
  const bins = 200; // ½ kg each over [0, 100)
  const counts = new Float64Array(bins);
  const targets = mdn.test.targets!;
  for (let i = 0; i < n; i++) {
    const w = targets[i]! * sd + mean;
    if (w >= 0 && w < 100) counts[Math.floor(2 * w)]! += 2 / n;
  }
  kg.forEach((w, i) => {
    histogram[i] = w < 0 ? 0 : counts[Math.min(bins - 1, Math.floor(2 * w))]!;
  });
  const out = mdn.model.predict({ shape: [n, data.features], data: mdn.test.x });
  const components = Array.from({ length: k }, () => ({
    density: new Float32Array(kg.length),
    weight: 0,
    meanKg: 0,
  }));
  for (let i = 0; i < n; i++) {
    const m = mixtureAt(out, i, k);
    for (let j = 0; j < k; j++) {
      const mu = m.mu[j]! * sd + mean;
      const s = m.sigma[j]! * sd;
      const c = components[j]!;
      c.weight += m.pi[j]! / n;
      c.meanKg += m.pi[j]! * mu;
      for (let g = 0; g < kg.length; g++) c.density[g]! += (m.pi[j]! * normal(kg[g]!, mu, s)) / n;
    }
  }
  for (const c of components) c.meanKg /= c.weight * n;
  components.sort((a, b) => a.meanKg - b.meanKg);
  const mixture = new Float32Array(kg.length);
  for (const c of components) for (let g = 0; g < kg.length; g++) mixture[g]! += c.density[g]!;
  // the MSE network's Gaussian: its prediction as the mean, the training MSE as the variance
  const sdG = Math.sqrt(gauss.result.trainLoss);
  const pred = gauss.model.predict({ shape: [n, data.features], data: gauss.test.x }).data;
  const gaussian = new Float32Array(kg.length);
  for (let i = 0; i < n; i++) {
    const mu = pred[i]! * (gauss.meta['targetSd'] as number) + (gauss.meta['targetMean'] as number);
    for (let g = 0; g < kg.length; g++) gaussian[g]! += normal(kg[g]!, mu, sdG) / n;
  }
  return {
    kg,
    histogram,
    mixture,
    components,
    gaussian,
    mixtureNll: mdn.result.testNll!,
    gaussianNll: gauss.result.testNll!,
    testSamples: n,
  };
}
