/** The stable forms of the losses at extreme logits, and their closed-form values. */
import { describe, expect, it } from 'vitest';
import { constant } from '../../src/ann/graph.ts';
import { bceWithLogits, mdnNll, mse, softmaxCrossEntropy } from '../../src/ann/losses/index.ts';
import { tensor } from '../../src/ann/tensor.ts';

const c = (v: number[], shape = [v.length]) => constant(tensor(v, shape));

describe('losses', () => {
  it('BCE from logits is finite and exact at |z| = 1000: softplus(1000) = 1000, softplus(−1000) = 0', () => {
    // y = 0, z = 1000 costs 1000; y = 1, z = 1000 costs e^-1000 ≈ 0
    expect(bceWithLogits(c([1000]), c([0])).data[0]).toBe(1000);
    expect(bceWithLogits(c([1000]), c([1])).data[0]).toBe(0);
    expect(bceWithLogits(c([-1000]), c([1])).data[0]).toBe(1000);
    // z = 0: log 2 whatever the label
    expect(bceWithLogits(c([0, 0]), c([0, 1])).data[0]).toBeCloseTo(Math.LN2, 6);
  });

  it('BCE rejects a target that is not 0 or 1', () => {
    expect(() => bceWithLogits(c([0]), c([0.5]))).toThrow(
      /bce target\[0\]: got 0.5; allowed: 0 or 1/,
    );
  });

  it('softmax cross-entropy is finite for logits [1000, 2000, 3000]: 2000 for label 1, 0 for label 2', () => {
    const z = c([1000, 2000, 3000, 1000, 2000, 3000], [2, 3]);
    const l = softmaxCrossEntropy(z, [1, 2]).data[0]!;
    // row 1: lse = 3000, minus z_1 = 2000 → 1000; row 2: 0 → mean 500
    expect(l).toBe(500);
  });

  it('softmax cross-entropy of uniform logits is log C = log 4', () => {
    expect(softmaxCrossEntropy(c([0, 0, 0, 0], [1, 4]), [3]).data[0]).toBeCloseTo(Math.log(4), 6);
  });

  it('MSE is the mean of squared differences: ((1)² + (2)²)/2 = 2.5', () => {
    expect(mse(c([1, 2]), c([0, 0])).data[0]).toBe(2.5);
  });

  it('MDN NLL with one component equals the Gaussian NLL ½log2π + log σ + ½((y−μ)/σ)²', () => {
    // K = 1: [logit, μ = 1, log σ = log 2], y = 4 → 0.9189 + 0.6931 + 1.125
    const want = 0.5 * Math.log(2 * Math.PI) + Math.log(2) + 0.5 * (3 / 2) ** 2;
    expect(mdnNll(c([0.3, 1, Math.log(2)], [1, 3]), c([4]), 1).data[0]).toBeCloseTo(want, 5);
  });

  it('MDN NLL stays finite when the target is 1000 standard deviations from every mean', () => {
    const v = mdnNll(c([0, 0, 0, 1, 0, 0], [1, 6]), c([1000]), 2).data[0]!;
    expect(Number.isFinite(v)).toBe(true);
    expect(v).toBeGreaterThan(4.9e5); // ½·999² ≈ 4.99e5
  });
});
