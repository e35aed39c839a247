/**
 * Negative log-likelihood of a mixture density network (Bishop 1994) with K
 * Gaussian components for a scalar target. Each row of the network output
 * holds [logits (K), means (K), log σ (K)]: mixing weights π = softmax(logits),
 * σ = exp(log σ) > 0. Per sample
 *   −log p(y) = −lse_k( log π_k − ½ log 2π − log σ_k − ½((y − μ_k)/σ_k)² ),
 * with both log-sum-exps taken with their maximum subtracted. The gradients
 * use the posterior responsibilities r_k = p(k | y):
 *   ∂/∂logit_k = π_k − r_k,  ∂/∂μ_k = −r_k (y−μ_k)/σ_k²,  ∂/∂log σ_k = r_k (1 − (y−μ_k)²/σ_k²).
 */
import { SpikelabError } from '../../core/errors.ts';
import { apply, defineOp, type Var } from '../graph.ts';
import { logSumExpRow } from '../kernels/reduce.ts';
import { expectRank } from '../ops/shape-check.ts';
import type { FloatArray, Tensor } from '../tensor.ts';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

interface Saved {
  pi: FloatArray;
  resp: FloatArray;
}

const mdnOp = defineOp<{ k: number }, Saved>({
  name: 'mdn-nll',
  shape([p, y], { k }) {
    expectRank('mdn-nll', p!, 2, 'network output');
    const [m, c] = p!.shape as [number, number];
    if (c !== 3 * k) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `mdn-nll: network output has ${c} columns; allowed: 3·K = ${3 * k}`,
      );
    }
    if (y!.data.length !== m) {
      throw new SpikelabError('SHAPE_MISMATCH', `mdn-nll: ${y!.data.length} targets for ${m} rows`);
    }
    return [];
  },
  forward([p, y], out, { k }, alloc) {
    const m = p!.shape[0]!;
    const x = p!.data;
    const t = y!.data;
    const pi = alloc(m * k);
    const resp = alloc(m * k);
    let total = 0;
    for (let i = 0; i < m; i++) {
      const o = i * 3 * k;
      const lseLogits = logSumExpRow(x, o, k);
      for (let j = 0; j < k; j++) {
        const logPi = x[o + j]! - lseLogits;
        const mu = x[o + k + j]!;
        const logSigma = x[o + 2 * k + j]!;
        const u = (t[i]! - mu) * Math.exp(-logSigma);
        pi[i * k + j] = Math.exp(logPi);
        resp[i * k + j] = logPi - HALF_LOG_2PI - logSigma - 0.5 * u * u; // log joint, normalised below
      }
      const lse = logSumExpRow(resp, i * k, k);
      for (let j = 0; j < k; j++) resp[i * k + j] = Math.exp(resp[i * k + j]! - lse);
      total -= lse;
    }
    out[0] = m > 0 ? total / m : 0;
    return { pi, resp };
  },
  backward({ inputs: [p, y], attrs: { k }, saved: { pi, resp } }, dy, [gp, gy]) {
    const m = p!.shape[0]!;
    const x = p!.data;
    const t = y!.data;
    const f = dy[0]! / m;
    for (let i = 0; i < m; i++) {
      const o = i * 3 * k;
      let dyi = 0;
      for (let j = 0; j < k; j++) {
        const r = resp[i * k + j]!;
        const mu = x[o + k + j]!;
        const invVar = Math.exp(-2 * x[o + 2 * k + j]!);
        const d = t[i]! - mu;
        if (gp) {
          gp[o + j] = gp[o + j]! + f * (pi[i * k + j]! - r);
          gp[o + k + j] = gp[o + k + j]! - f * r * d * invVar;
          gp[o + 2 * k + j] = gp[o + 2 * k + j]! + f * r * (1 - d * d * invVar);
        }
        dyi += r * d * invVar;
      }
      if (gy) gy[i] = gy[i]! + f * dyi;
    }
  },
});

/** Mean NLL of targets y (one per row) under the mixture that `output` [m, 3K] parameterises. */
export const mdnNll = (output: Var, targets: Var, k: number): Var =>
  apply(mdnOp, [output, targets], { k });

export interface Mixture {
  pi: number[];
  mu: number[];
  sigma: number[];
}

/** Decodes row `row` of an MDN output into mixing weights, means and standard deviations. */
export function mixtureAt(output: Tensor, row: number, k: number): Mixture {
  const x = output.data;
  const o = row * 3 * k;
  const lse = logSumExpRow(x, o, k);
  const pi: number[] = [];
  const mu: number[] = [];
  const sigma: number[] = [];
  for (let j = 0; j < k; j++) {
    pi.push(Math.exp(x[o + j]! - lse));
    mu.push(x[o + k + j]!);
    sigma.push(Math.exp(x[o + 2 * k + j]!));
  }
  return { pi, mu, sigma };
}
