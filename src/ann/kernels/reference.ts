import type { FloatArray } from '../tensor.ts';

/**
 * The reference kernels: the plainest loops that compute the definition. They
 * are the specification the optimised kernels are tested against (as a
 * Python emulator is the living definition of a compiler's ops), never used
 * on a hot path. Sums run in float64 so the oracle is the more accurate side.
 */

/**
 * C (+)= op(A) · op(B) with op(A) of shape m×k and op(B) of shape k×n, all
 * row-major. `transA` means A is stored k×m, `transB` means B is stored n×k;
 * `accumulate` adds to C instead of overwriting it.
 */
export type Gemm = (
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  transA: boolean,
  b: FloatArray,
  transB: boolean,
  c: FloatArray,
  accumulate: boolean,
) => void;

/** The definition of `Gemm`, as three plain loops. */
export const gemmReference: Gemm = (m, n, k, a, transA, b, transB, c, accumulate) => {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) {
        const av = transA ? a[p * m + i]! : a[i * k + p]!;
        const bv = transB ? b[j * k + p]! : b[p * n + j]!;
        s += av * bv;
      }
      c[i * n + j] = accumulate ? c[i * n + j]! + s : s;
    }
  }
};
