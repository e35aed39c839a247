/**
 * Matrix products in TypeScript for the three layouts backprop needs:
 *   forward     Y  = X · W      (NN)
 *   input grad  dX = dY · Wᵀ    (NT)
 *   weight grad dW = Xᵀ · dY    (TN)
 * Each walks memory contiguously in its innermost loop and works on four rows
 * at a time, so one load of a row of the right-hand side feeds four
 * multiply-adds, faster than the naive i-j-k order (`npm run
 * bench:kernels` prints both). `gemmReference` is the oracle.
 */
import type { FloatArray } from '../tensor.ts';
import { type Gemm, gemmReference } from './reference.ts';

/** C[m×n] (+)= op(A)·op(B) for one fixed layout (the argument order of `Gemm` without the flags). */
export type Layout = (
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  b: FloatArray,
  c: FloatArray,
  accumulate: boolean,
) => void;

/** C[m×n] (+)= A[m×k] · B[k×n]. */
export const matmulNN: Layout = (m, n, k, a, b, c, accumulate) => {
  if (!accumulate) c.fill(0, 0, m * n);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const c0 = i * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const a0 = i * k;
    for (let p = 0; p < k; p++) {
      const x0 = a[a0 + p]!;
      const x1 = a[a0 + k + p]!;
      const x2 = a[a0 + 2 * k + p]!;
      const x3 = a[a0 + 3 * k + p]!;
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue; // sparse inputs (pixels, ReLU)
      const bp = p * n;
      for (let j = 0; j < n; j++) {
        const bv = b[bp + j]!;
        c[c0 + j] = c[c0 + j]! + x0 * bv;
        c[c1 + j] = c[c1 + j]! + x1 * bv;
        c[c2 + j] = c[c2 + j]! + x2 * bv;
        c[c3 + j] = c[c3 + j]! + x3 * bv;
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p]!;
      if (x === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + x * b[bp + j]!;
    }
  }
};

/** C[m×n] (+)= A[m×k] · B[n×k]ᵀ: dot products of rows, both contiguous. */
export const matmulNT: Layout = (m, n, k, a, b, c, accumulate) => {
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const b0 = j * k;
      const b1 = b0 + k;
      const b2 = b1 + k;
      const b3 = b2 + k;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p++) {
        const x = a[ai + p]!;
        s0 += x * b[b0 + p]!;
        s1 += x * b[b1 + p]!;
        s2 += x * b[b2 + p]!;
        s3 += x * b[b3 + p]!;
      }
      const ci = i * n + j;
      if (accumulate) {
        c[ci] = c[ci]! + s0;
        c[ci + 1] = c[ci + 1]! + s1;
        c[ci + 2] = c[ci + 2]! + s2;
        c[ci + 3] = c[ci + 3]! + s3;
      } else {
        c[ci] = s0;
        c[ci + 1] = s1;
        c[ci + 2] = s2;
        c[ci + 3] = s3;
      }
    }
    for (; j < n; j++) {
      let s = 0;
      const bj = j * k;
      for (let p = 0; p < k; p++) s += a[ai + p]! * b[bj + p]!;
      c[i * n + j] = accumulate ? c[i * n + j]! + s : s;
    }
  }
};

/** C[m×n] (+)= A[k×m]ᵀ · B[k×n]: sums of outer products, four rows of A and B at a time. */
export const matmulTN: Layout = (m, n, k, a, b, c, accumulate) => {
  if (!accumulate) c.fill(0, 0, m * n);
  let p = 0;
  for (; p + 4 <= k; p += 4) {
    const a0 = p * m;
    const b0 = p * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let i = 0; i < m; i++) {
      const x0 = a[a0 + i]!;
      const x1 = a[a0 + m + i]!;
      const x2 = a[a0 + 2 * m + i]!;
      const x3 = a[a0 + 3 * m + i]!;
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) {
        c[ci + j] =
          c[ci + j]! + x0 * b[b0 + j]! + x1 * b[b1 + j]! + x2 * b[b2 + j]! + x3 * b[b3 + j]!;
      }
    }
  }
  for (; p < k; p++) {
    const ap = p * m;
    const bp = p * n;
    for (let i = 0; i < m; i++) {
      const x = a[ap + i]!;
      if (x === 0) continue;
      const ci = i * n;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + x * b[bp + j]!;
    }
  }
};

/** C (+)= op(A) · op(B) in any layout on the TypeScript kernels (argument order of gemmReference). */
export const gemmTs: Gemm = (m, n, k, a, transA, b, transB, c, accumulate) => {
  if (!transA && !transB) matmulNN(m, n, k, a, b, c, accumulate);
  else if (!transA && transB) matmulNT(m, n, k, a, b, c, accumulate);
  else if (transA && !transB) matmulTN(m, n, k, a, b, c, accumulate);
  else gemmReference(m, n, k, a, true, b, true, c, accumulate); // unused by backprop
};
