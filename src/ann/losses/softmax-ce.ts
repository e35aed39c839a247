/**
 * Softmax cross-entropy from logits and integer class labels:
 *   L = mean_i [ log Σ_j exp z_ij − z_i,y_i ],
 * the log-sum-exp taken with the row maximum subtracted, so logits such as
 * [1000, 2000, 3000] give a finite loss. ∂L/∂z = (softmax(z) − onehot(y)) / m.
 */
import { SpikelabError } from '../../core/errors.ts';
import { apply, defineOp, type Var } from '../graph.ts';
import { logSumExpRow } from '../kernels/reduce.ts';
import { expectRank } from '../ops/shape-check.ts';
import type { FloatArray } from '../tensor.ts';

export type Labels = ArrayLike<number>;

const softmaxCeOp = defineOp<{ labels: Labels }, FloatArray>({
  name: 'softmax-cross-entropy',
  shape([z], { labels }) {
    expectRank('softmax-cross-entropy', z!, 2, 'logits');
    const [m, c] = z!.shape as [number, number];
    if (labels.length !== m) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `softmax-cross-entropy: ${labels.length} labels for ${m} rows of logits`,
      );
    }
    for (let i = 0; i < m; i++) {
      const y = labels[i]!;
      if (!(Number.isInteger(y) && y >= 0 && y < c)) {
        throw new SpikelabError(
          'INVALID_ARGUMENT',
          `label[${i}]: got ${y}; allowed: an integer in [0, ${c - 1}]`,
        );
      }
    }
    return [];
  },
  forward([z], out, { labels }, alloc) {
    const [m, c] = z!.shape as [number, number];
    const x = z!.data;
    const lse = alloc(m);
    let s = 0;
    for (let i = 0; i < m; i++) {
      lse[i] = logSumExpRow(x, i * c, c);
      s += lse[i]! - x[i * c + labels[i]!]!;
    }
    out[0] = m > 0 ? s / m : 0;
    return lse;
  },
  backward({ inputs: [z], attrs: { labels }, saved: lse }, dy, [gz]) {
    if (!gz) return;
    const [m, c] = z!.shape as [number, number];
    const x = z!.data;
    const f = dy[0]! / m;
    for (let i = 0; i < m; i++) {
      const o = i * c;
      for (let j = 0; j < c; j++) gz[o + j] = gz[o + j]! + f * Math.exp(x[o + j]! - lse[i]!);
      gz[o + labels[i]!] = gz[o + labels[i]!]! - f;
    }
  },
});

export const softmaxCrossEntropy = (logits: Var, labels: Labels): Var =>
  apply(softmaxCeOp, [logits], { labels });
