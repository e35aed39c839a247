import { describe, expect, it } from 'vitest';
import { gradCheck } from '../../src/ann/gradcheck.ts';
import { constant, Tape } from '../../src/ann/graph.ts';
import { Dense } from '../../src/ann/layers/dense.ts';
import { Dropout } from '../../src/ann/layers/dropout.ts';
import { Maxout } from '../../src/ann/layers/maxout.ts';
import { Rbf } from '../../src/ann/layers/rbf.ts';
import { mlp, Sequential } from '../../src/ann/model.ts';
import { loadModelText, saveModelText } from '../../src/ann/model-io.ts';
import * as op from '../../src/ann/ops/index.ts';
import { tensor } from '../../src/ann/tensor.ts';
import { Rng } from '../../src/core/rng.ts';

function randomInput(n: number, d: number, seed = 3) {
  const r = new Rng(seed);
  return tensor(
    Float32Array.from({ length: n * d }, () => r.normal()),
    [n, d],
  );
}

describe('layers', () => {
  it('He initialisation for ReLU: weight sd ≈ √(2/784) = 0.0505 within 3 % over 100k weights', () => {
    const w = new Dense(784, 128, 'relu', new Rng(1)).weights.value.data;
    let s = 0;
    for (const v of w) s += v * v;
    expect(Math.sqrt(s / w.length)).toBeCloseTo(Math.sqrt(2 / 784), 2);
    expect(Math.abs(Math.sqrt(s / w.length) / Math.sqrt(2 / 784) - 1)).toBeLessThan(0.03);
  });

  it('Glorot initialisation for tanh: weights within ±√(6/(fan-in+fan-out)) = ±0.5', () => {
    const w = new Dense(12, 12, 'tanh', new Rng(1)).weights.value.data;
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(0.5);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(0.4);
  });

  it('the same seed gives bit-identical weights; another seed does not', () => {
    const a = mlp({ inputs: 4, hidden: [5], outputs: 3, seed: 9 }).params.map((p) =>
      Array.from(p.value.data),
    );
    const b = mlp({ inputs: 4, hidden: [5], outputs: 3, seed: 9 }).params.map((p) =>
      Array.from(p.value.data),
    );
    const c = mlp({ inputs: 4, hidden: [5], outputs: 3, seed: 10 }).params.map((p) =>
      Array.from(p.value.data),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('fused dense equals matmul → add bias → activation, in value and gradient', () => {
    const layer = new Dense(3, 4, 'sigmoid', new Rng(2));
    const x = randomInput(5, 3);
    const fused = new Tape();
    const yf = layer.forward(fused.variable(x), fused);
    fused.backward(op.sum(yf));
    const gWf = Float32Array.from(layer.weights.grad);
    layer.weights.grad.fill(0);
    const plain = new Tape();
    const xv = plain.variable(x);
    const yc = op.sigmoid(
      op.add(op.matmul(xv, plain.param(layer.weights)), plain.param(layer.bias)),
    );
    plain.backward(op.sum(yc));
    expect(Array.from(yf.data)).toEqual(Array.from(yc.data));
    for (let i = 0; i < gWf.length; i++) expect(gWf[i]).toBeCloseTo(layer.weights.grad[i]!, 6);
  });

  it('Maxout and RBF layers pass a gradient check through a model (float64 inputs)', () => {
    const model = new Sequential([new Maxout(3, 4, 2, new Rng(4)), new Rbf(4, 3, new Rng(5))]);
    const r = gradCheck(
      (x) => model.forward(x),
      [tensor(Float64Array.from(randomInput(2, 3).data), [2, 3])],
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('rejects layers whose sizes do not chain, naming the layer', () => {
    expect(
      () =>
        new Sequential([
          new Dense(2, 3, 'relu', new Rng(0)),
          new Dense(4, 1, 'identity', new Rng(0)),
        ]),
    ).toThrow('layers[1].inputs: got 4; allowed: 3 (the outputs of layers[0])');
  });
});

describe('dropout', () => {
  it('keeps a fraction 1 − p = 0.7 of 100,000 units (±0.5 %, 5 sd) scaled by 1/0.7, so the mean is kept', () => {
    const x = tensor(new Float32Array(100_000).fill(1), [100, 1000]);
    const tape = new Tape();
    const y = new Dropout(1000, 0.3, new Rng(1)).forward(tape.constant(x), tape).data;
    const kept = y.filter((v) => v !== 0);
    expect(Math.abs(kept.length / y.length - 0.7)).toBeLessThan(0.005);
    expect(kept[0]).toBeCloseTo(1 / 0.7, 6);
  });

  it('is the identity on the inference path', () => {
    const x = randomInput(3, 4);
    expect(new Dropout(4, 0.5, new Rng(1)).forward(constant(x), null).data).toBe(x.data);
  });

  it('mlp with dropout predicts deterministically and trains reproducibly from its seed', () => {
    const m = mlp({ inputs: 4, hidden: [8], outputs: 2, dropout: 0.5, seed: 2 });
    expect(m.layers.map((l) => l.spec.type)).toEqual(['dense', 'dropout', 'dense']);
    const x = randomInput(5, 4);
    expect(m.predict(x).data).toEqual(m.predict(x).data);
  });
});

describe('save and load', () => {
  const model = new Sequential([
    new Dense(6, 8, 'leaky-relu', new Rng(1), 0.2),
    new Maxout(8, 4, 3, new Rng(2)),
    new Rbf(4, 5, new Rng(3)),
    new Dropout(5, 0.25, new Rng(5)),
    new Dense(5, 2, 'identity', new Rng(4)),
  ]);

  it('round-trips bit-exactly: every weight and every prediction identical', () => {
    const text = saveModelText(model, { dataset: 'test' });
    const { model: back, meta } = loadModelText(text);
    expect(meta).toEqual({ dataset: 'test' });
    model.params.forEach((p, i) => {
      expect(new Uint32Array(back.params[i]!.value.data.buffer)).toEqual(
        new Uint32Array(p.value.data.buffer),
      );
    });
    const x = randomInput(7, 6);
    expect(back.predict(x).data).toEqual(model.predict(x).data);
    expect(saveModelText(back, { dataset: 'test' })).toBe(text);
  });

  it('keeps −0, subnormals and the largest float32 exactly', () => {
    const m = new Sequential([new Dense(1, 3, 'identity', new Rng(0))]);
    m.layers[0]!.params[0]!.value.data.set([-0, 1.4e-45, 3.4028234663852886e38]);
    const back = loadModelText(saveModelText(m)).model;
    expect(Array.from(back.params[0]!.value.data)).toEqual([
      -0, 1.401298464324817e-45, 3.4028234663852886e38,
    ]);
    expect(Object.is(back.params[0]!.value.data[0], -0)).toBe(true);
  });

  it('names the field of a bad file: version, shape, NaN weight, unknown activation, not JSON', () => {
    const good = JSON.parse(saveModelText(model));
    const v2 = { ...good, schemaVersion: 2 };
    expect(() => loadModelText(JSON.stringify(v2))).toThrow(
      'model.schemaVersion: got 2; allowed: 1',
    );
    const badShape = structuredClone(good);
    badShape.layers[0].params.weights.shape = [8, 6];
    expect(() => loadModelText(JSON.stringify(badShape))).toThrow(
      'model.layers.0.params.weights.shape: got [8, 6]; allowed: [6, 8]',
    );
    const m = new Sequential([new Dense(1, 1, 'identity', new Rng(0))]);
    m.params[0]!.value.data[0] = Number.NaN;
    expect(() => loadModelText(saveModelText(m))).toThrow(
      'model.layers.0.params.weights[0]: got NaN; allowed: a finite number',
    );
    const badAct = structuredClone(good);
    badAct.layers[0].activation = 'swish';
    expect(() => loadModelText(JSON.stringify(badAct))).toThrow(
      /model\.layers\.0\.activation: got "swish"/,
    );
    expect(() => loadModelText('{oops')).toThrow(/^model: not JSON/);
  });

  it('predict records nothing; on a tape (training) only the dropout layer changes the output', () => {
    const x = randomInput(3, 6);
    const inference = model.forward(constant(x));
    expect(inference.tape).toBeNull();
    expect(Array.from(model.predict(x).data)).toEqual(Array.from(inference.data));
    const tape = new Tape();
    const training = model.forward(tape.constant(x), tape);
    expect(Array.from(training.data)).not.toEqual(Array.from(inference.data));
    const noDropout = new Sequential(model.layers.filter((l) => l.spec.type !== 'dropout'));
    const t2 = new Tape();
    expect(Array.from(noDropout.forward(t2.constant(x), t2).data)).toEqual(
      Array.from(noDropout.predict(x).data),
    );
  });
});
