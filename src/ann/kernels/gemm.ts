/**
 * The matrix product every op calls. Float32 products large enough to repay
 * the copies run on the WebAssembly SIMD kernel when the runtime has it; the
 * rest (small products, float64 gradient checks) on the TypeScript kernels.
 * `reference.ts` is the oracle for both.
 */
import type { FloatArray } from '../tensor.ts';
import { gemmSimd, simdGemmAvailable } from './gemm-wasm.ts';
import { gemmTs } from './matmul.ts';

/** Below this many multiply-adds the copies into WebAssembly memory cost more than they save. */
const SIMD_MIN_MACS = 16384;
const useSimd = simdGemmAvailable();

/** C (+)= op(A) · op(B); see gemmReference for the argument order. */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  transA: boolean,
  b: FloatArray,
  transB: boolean,
  c: FloatArray,
  accumulate: boolean,
): void {
  if (
    useSimd &&
    m * n * k >= SIMD_MIN_MACS &&
    !(transA && transB) &&
    a instanceof Float32Array &&
    b instanceof Float32Array &&
    c instanceof Float32Array
  ) {
    gemmSimd(m, n, k, a, transA, b, transB, c, accumulate);
  } else {
    gemmTs(m, n, k, a, transA, b, transB, c, accumulate);
  }
}
