/**
 * The matrix product every op calls. Float32 products large enough to repay
 * the copies run on the WebAssembly SIMD kernel when the runtime has it; the
 * rest (small products, float64 gradient checks) on the TypeScript kernels.
 * `reference.ts` is the oracle for both.
 */
import { gemmSimd, simdGemmAvailable } from './gemm-wasm.ts';
import { gemmTs } from './matmul.ts';
import type { Gemm } from './reference.ts';

/** Below this many multiply-adds the copies into WebAssembly memory cost more than they save. */
const SIMD_MIN_MACS = 16384;
const useSimd = simdGemmAvailable();

/** C (+)= op(A) · op(B); see gemmReference for the argument order. */
export const gemm: Gemm = (m, n, k, a, transA, b, transB, c, accumulate) => {
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
};
