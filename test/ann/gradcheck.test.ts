/**
 * Every registered op and every loss against central finite differences in
 * float64 (eps 1e-6, atol 1e-5, rtol 1e-3, the tolerances of PyTorch's
 * gradcheck), on small random shapes; plus the negative test that a wrong
 * backward rule is caught.
 */
import { describe, expect, it } from 'vitest';
import { gradCheck } from '../../src/ann/gradcheck.ts';
import { apply, constant, defineOp, opNames, type Var } from '../../src/ann/graph.ts';
import * as L from '../../src/ann/losses/index.ts';
import * as op from '../../src/ann/ops/index.ts';
import { type Tensor, tensor } from '../../src/ann/tensor.ts';
import { Rng } from '../../src/core/rng.ts';

const rng = new Rng(42);
function rand(shape: number[], lo = -1, hi = 1): Tensor {
  const n = shape.reduce((p, d) => p * d, 1);
  return tensor(
    Float64Array.from({ length: n }, () => rng.range(lo, hi)),
    shape,
  );
}
/** Random values kept away from 0 by at least 0.1: kinks (ReLU, |·|, max) are not differentiable there. */
function randAwayFromZero(shape: number[]): Tensor {
  const t = rand(shape);
  for (let i = 0; i < t.data.length; i++)
    t.data[i] = Math.sign(t.data[i]!) * (0.1 + Math.abs(t.data[i]!));
  return t;
}
const labels = [2, 0, 1];

const cases: Record<string, { f: (...v: Var[]) => Var; inputs: Tensor[] }> = {
  add: { f: (a, b) => op.add(a!, b!), inputs: [rand([3, 4]), rand([4])] },
  sub: { f: (a, b) => op.sub(a!, b!), inputs: [rand([3, 4]), rand([3, 4])] },
  mul: { f: (a, b) => op.mul(a!, b!), inputs: [rand([2, 3, 4]), rand([3, 4])] },
  scale: { f: (a) => op.scale(a!, -2.5), inputs: [rand([5])] },
  matmul: { f: (a, b) => op.matmul(a!, b!), inputs: [rand([5, 3]), rand([3, 6])] },
  transpose: { f: (a) => op.transpose(a!), inputs: [rand([3, 5])] },
  reshape: { f: (a) => op.reshape(a!, [6, 2]), inputs: [rand([3, 4])] },
  sum: { f: (a) => op.sum(a!, -1), inputs: [rand([3, 4])] },
  mean: { f: (a) => op.mean(a!), inputs: [rand([3, 4])] },
  exp: { f: (a) => op.exp(a!), inputs: [rand([7])] },
  log: { f: (a) => op.log(a!), inputs: [rand([7], 0.2, 3)] },
  identity: { f: (a) => op.identity(a!), inputs: [rand([4])] },
  sigmoid: { f: (a) => op.sigmoid(a!), inputs: [rand([9], -6, 6)] },
  tanh: { f: (a) => op.tanh(a!), inputs: [rand([9], -3, 3)] },
  relu: { f: (a) => op.relu(a!), inputs: [randAwayFromZero([9])] },
  'leaky-relu': { f: (a) => op.leakyRelu(a!, 0.2), inputs: [randAwayFromZero([9])] },
  abs: { f: (a) => op.abs(a!), inputs: [randAwayFromZero([9])] },
  softplus: { f: (a) => op.softplus(a!), inputs: [rand([9], -8, 8)] },
  softmax: { f: (a) => op.softmax(a!), inputs: [rand([3, 5], -3, 3)] },
  'log-softmax': { f: (a) => op.logSoftmax(a!), inputs: [rand([3, 5], -3, 3)] },
  // groups of 3 whose members differ by ≥ 0.3, so no perturbation changes a winner
  maxout: {
    f: (a) => op.maxout(a!, 3),
    inputs: [
      tensor(
        Float64Array.from([0.1, 0.9, -0.5, 1.2, 0.3, -0.7, -1, -0.2, 0.4, 2, 1.5, 0.6]),
        [2, 6],
      ),
    ],
  },
  rbf: { f: (x, c) => op.rbf(x!, c!), inputs: [rand([4, 3]), rand([5, 3])] },
  // a fresh generator per call: the same mask in every evaluation of the objective
  dropout: { f: (a) => op.dropout(a!, 0.4, new Rng(3)), inputs: [rand([4, 5])] },
  dense: {
    f: (x, w, b) => op.dense(x!, w!, b!, 'tanh'),
    inputs: [rand([4, 3]), rand([3, 5]), rand([5])],
  },
  mse: { f: (p, t) => L.mse(p!, t!), inputs: [rand([4, 2]), rand([4, 2])] },
  'bce-logits': {
    f: (z) => L.bceWithLogits(z!, constant(tensor(Float64Array.from([0, 1, 1, 0, 1, 0]), [6]))),
    inputs: [rand([6], -4, 4)],
  },
  'softmax-cross-entropy': {
    f: (z) => L.softmaxCrossEntropy(z!, labels),
    inputs: [rand([3, 4], -3, 3)],
  },
  'mdn-nll': { f: (p, y) => L.mdnNll(p!, y!, 3), inputs: [rand([4, 9]), rand([4], -2, 2)] },
  'l2-penalty': { f: (a, b) => L.l2Penalty(0.3, [a!, b!]), inputs: [rand([3, 2]), rand([4])] },
};

describe('gradCheck of every op and loss (eps 1e-6, atol 1e-5, rtol 1e-3)', () => {
  for (const [name, { f, inputs }] of Object.entries(cases)) {
    it(`${name}: backprop matches central differences`, () => {
      const r = gradCheck(f, inputs);
      expect(r.checked).toBeGreaterThan(0);
      expect(r.worst, JSON.stringify(r.worst)).not.toBeNull();
      expect(r.ok, `${name}: ${JSON.stringify(r.worst)}`).toBe(true);
    });
  }

  it('covers every registered op (a new op without a gradient check fails here)', () => {
    expect(Object.keys(cases).sort()).toEqual(opNames().filter((n) => !n.startsWith('test-')));
  });

  it('dense activations: every activation through the fused op', () => {
    for (const act of ['identity', 'sigmoid', 'relu', 'leaky-relu', 'abs', 'softplus'] as const) {
      const r = gradCheck(
        (x, w, b) => op.dense(x!, w!, b!, act, 0.1),
        [rand([3, 4]), rand([4, 2]), rand([2])],
      );
      // ReLU-like kinks: a random pre-activation within eps of 0 has probability ~1e-6
      expect(r.ok, `${act}: ${JSON.stringify(r.worst)}`).toBe(true);
    }
  });

  it('catches a wrong backward rule: d/dx x² implemented as x instead of 2x', () => {
    const wrongSquare = defineOp({
      name: 'test-wrong-square',
      shape: ([a]) => a!.shape,
      forward([a], out) {
        for (let i = 0; i < out.length; i++) out[i] = a!.data[i]! * a!.data[i]!;
      },
      backward({ inputs: [a] }, dy, [ga]) {
        if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]! * a!.data[i]!;
      },
    });
    const r = gradCheck(
      (a) => apply(wrongSquare, [a!], undefined),
      [tensor(Float64Array.from([0.5, -1.5, 2]), [3])],
    );
    expect(r.ok).toBe(false);
    // at x = 2 the analytic value is 2 where the true slope is 4 (times the output weight r)
    expect(Math.abs(r.worst!.numeric / r.worst!.analytic)).toBeCloseTo(2, 5);
  });
});
