/** Row reductions shared by softmax, the losses and the mixture density network. */
import type { FloatArray } from '../tensor.ts';

/** log Σ exp(x[o..o+n)) with the maximum subtracted first (finite for any finite input). */
export function logSumExpRow(x: FloatArray, o: number, n: number): number {
  let max = -Infinity;
  for (let j = o; j < o + n; j++) if (x[j]! > max) max = x[j]!;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (let j = o; j < o + n; j++) s += Math.exp(x[j]! - max);
  return max + Math.log(s);
}

/** dst[i, :] += bias for each of `rows` rows of length n. */
export function addRowToEach(dst: FloatArray, bias: FloatArray, rows: number, n: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) dst[o + j] = dst[o + j]! + bias[j]!;
  }
}

/** dst[j] += Σ_i src[i, j]: the gradient of a bias shared by all rows. */
export function sumRowsInto(src: FloatArray, dst: FloatArray, rows: number, n: number): void {
  for (let i = 0; i < rows; i++) {
    const o = i * n;
    for (let j = 0; j < n; j++) dst[j] = dst[j]! + src[o + j]!;
  }
}
