import { describe, expect, it } from 'vitest';
import { dogsDataset } from '../../src/data/builtin/dogs.ts';
import { xorDataset } from '../../src/data/builtin/xor.ts';
import { split } from '../../src/data/dataset.ts';
import { settingsFor, trainOnDataset } from '../../src/harness/train-rate.ts';

describe('trainOnDataset', () => {
  it('reports regression losses in kg: test MSE equals the mean squared error of the de-standardised predictions', () => {
    const data = dogsDataset({ n: 400, seed: 1 });
    const run = trainOnDataset(data, settingsFor('dogs', { loss: 'mse', epochs: 5 }), 1);
    const test = split(data, 1).test;
    const pred = run.model.predict({ shape: [test.n, 3], data: run.test.x }).data;
    const mean = run.meta['targetMean'] as number;
    const sd = run.meta['targetSd'] as number;
    let se = 0;
    for (let i = 0; i < test.n; i++) se += (pred[i]! * sd + mean - test.y[i]!) ** 2;
    expect(run.result.testLoss / (se / test.n)).toBeCloseTo(1, 4);
    // a Gaussian with the training MSE v as variance: NLL = ½ log(2πv) + testMSE/(2v)
    const v = run.result.trainLoss;
    expect(run.result.testNll).toBeCloseTo(
      0.5 * Math.log(2 * Math.PI * v) + run.result.testLoss / (2 * v),
      6,
    );
  });

  it('gives the classification fields and the layer sizes of the network it built', () => {
    const r = trainOnDataset(xorDataset(), settingsFor('xor', { epochs: 2 }), 0).result;
    expect(r.layers).toEqual([2, 16, 1]);
    expect(r.trainSamples).toBe(4);
    expect(typeof r.testAccuracy).toBe('number');
    expect(r.history).toHaveLength(2);
  });

  it('rejects a loss that does not fit the task, naming the dataset', () => {
    expect(() => trainOnDataset(xorDataset(), settingsFor('xor', { loss: 'mdn' }), 0)).toThrow(
      'loss: got "mdn"; allowed for dataset xor: softmax-ce, bce',
    );
  });
});
