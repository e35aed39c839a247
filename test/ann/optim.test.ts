import { describe, expect, it } from 'vitest';
import { Param } from '../../src/ann/graph.ts';
import { mlp } from '../../src/ann/model.ts';
import { Adam } from '../../src/ann/optim/adam.ts';
import { Sgd } from '../../src/ann/optim/sgd.ts';
import { tensor } from '../../src/ann/tensor.ts';
import { fit as fitModel } from '../../src/ann/train.ts';

function param(values: number[], grad: number[]) {
  const p = new Param('p', tensor(values, [values.length]));
  p.grad.set(grad);
  return p;
}

describe('optimisers (closed forms)', () => {
  it('SGD: θ = 1 − 0.1·(2 + 0.5·1) = 0.75 with weight decay 0.5, and the gradient is zeroed', () => {
    const p = param([1], [2]);
    new Sgd([p], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(p.value.data[0]).toBeCloseTo(0.75, 6);
    expect(p.grad[0]).toBe(0);
  });

  it('SGD momentum 0.9 with a constant gradient 1: steps of 1 then 1.9 (θ = −0.29 after two steps of lr 0.1)', () => {
    const p = param([0], [1]);
    const opt = new Sgd([p], { lr: 0.1, momentum: 0.9 });
    opt.step();
    p.grad[0] = 1;
    opt.step();
    expect(p.value.data[0]).toBeCloseTo(-0.29, 6);
  });

  it('Adam: the first step moves each weight by lr·g/|g| = lr, whatever the gradient scale', () => {
    const p = param([0, 0], [1e-3, -50]);
    new Adam([p], { lr: 0.01 }).step();
    expect(p.value.data[0]).toBeCloseTo(-0.01, 5);
    expect(p.value.data[1]).toBeCloseTo(0.01, 6);
  });
});

describe('fit', () => {
  const x = Float32Array.from({ length: 40 }, (_, i) => Math.sin(i));
  const labels = Int32Array.from({ length: 20 }, (_, i) => (x[2 * i]! > 0 ? 1 : 0));
  const run = (seed: number) => {
    const model = mlp({ inputs: 2, hidden: [4], outputs: 2, seed: 1 });
    const epochs: number[] = [];
    fitModel(
      model,
      { x, features: 2, labels },
      {
        epochs: 3,
        batchSize: 6,
        optimizer: new Adam(model.params, { lr: 0.05 }),
        loss: { type: 'softmax-ce' },
        seed,
        onEpoch: (s) => epochs.push(s.epoch),
      },
    );
    return { weights: model.params.map((p) => Array.from(p.value.data)), epochs };
  };

  it('is bit-identical for the same seed and differs for another shuffling seed', () => {
    const a = run(5);
    expect(a.epochs).toEqual([1, 2, 3]);
    expect(run(5).weights).toEqual(a.weights);
    expect(run(6).weights).not.toEqual(a.weights);
  });

  it('rejects labels that do not match the samples', () => {
    const model = mlp({ inputs: 2, hidden: [], outputs: 2, seed: 1 });
    expect(() =>
      fitModel(
        model,
        { x, features: 2, labels: [0, 1] },
        {
          epochs: 1,
          batchSize: 4,
          optimizer: new Sgd(model.params, { lr: 0.1 }),
          loss: { type: 'softmax-ce' },
          seed: 0,
        },
      ),
    ).toThrow('loss softmax-ce: needs 20 labels; got 2');
  });
});
