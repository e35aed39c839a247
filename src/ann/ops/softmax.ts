/**
 * softmax and log-softmax over the last axis. Both subtract the row maximum
 * before exponentiating, so logits such as [1000, 2000, 3000] stay finite and
 * give the same result as [0, 1000, 2000].
 */
import { apply, defineOp, type Var } from '../graph.ts';
import { logSumExpRow } from '../kernels/reduce.ts';
import { asMatrix, type FloatArray } from '../tensor.ts';

/** y[j] = f(x[j], lse of its row) for every element: the shared shape of both forwards. */
function mapWithRowLse(
  x: FloatArray,
  shape: readonly number[],
  out: FloatArray,
  f: (v: number, lse: number) => number,
): void {
  const [rows, cols] = asMatrix(shape);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const lse = logSumExpRow(x, o, cols);
    for (let j = o; j < o + cols; j++) out[j] = f(x[j]!, lse);
  }
}

const softmaxOp = defineOp({
  name: 'softmax',
  shape: ([a]) => a!.shape,
  forward([a], out) {
    mapWithRowLse(a!.data, a!.shape, out, (v, lse) => Math.exp(v - lse));
  },
  // dx = y ⊙ (dy − ⟨dy, y⟩) per row
  backward({ output }, dy, [ga]) {
    if (!ga) return;
    const [rows, cols] = asMatrix(output.shape);
    const y = output.data;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let dot = 0;
      for (let j = o; j < o + cols; j++) dot += dy[j]! * y[j]!;
      for (let j = o; j < o + cols; j++) ga[j] = ga[j]! + y[j]! * (dy[j]! - dot);
    }
  },
});

const logSoftmaxOp = defineOp({
  name: 'log-softmax',
  shape: ([a]) => a!.shape,
  forward([a], out) {
    mapWithRowLse(a!.data, a!.shape, out, (v, lse) => v - lse);
  },
  // dx = dy − softmax · Σ dy per row
  backward({ output }, dy, [ga]) {
    if (!ga) return;
    const [rows, cols] = asMatrix(output.shape);
    const y = output.data;
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      let s = 0;
      for (let j = o; j < o + cols; j++) s += dy[j]!;
      for (let j = o; j < o + cols; j++) ga[j] = ga[j]! + dy[j]! - Math.exp(y[j]!) * s;
    }
  },
});

export const softmax = (a: Var): Var => apply(softmaxOp, [a], undefined);
export const logSoftmax = (a: Var): Var => apply(logSoftmaxOp, [a], undefined);
