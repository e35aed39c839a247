/**
 * The WebAssembly SIMD matrix product (gemm-simd.wat) behind the same
 * signature as the TypeScript kernels. Operands are copied into the module's
 * memory with their rows padded to the kernel's 4 × 8 blocks (B transposed on
 * the way in for A·Bᵀ, C too when accumulating), and the result is copied
 * back. The copies are O(m·k + k·n + m·n) against O(m·n·k) arithmetic, a few
 * per cent at the sizes of a dense layer.
 */
import { compileWasm, WasmHeap, wasmSimdSupported } from '../../core/wasm.ts';
import type { FloatArray } from '../tensor.ts';
import { wasmBase64 } from './gemm-simd.wasm.gen.ts';
import type { Gemm } from './reference.ts';

type Kernel = (
  a: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  acc: number,
) => void;

interface Module {
  heap: WasmHeap;
  nn: Kernel;
  tn: Kernel;
}

let module: Module | null | undefined;

function load(): Module | null {
  if (module !== undefined) return module;
  if (!wasmSimdSupported()) return (module = null);
  const memory = new WebAssembly.Memory({ initial: 16 });
  const instance = new WebAssembly.Instance(compileWasm(wasmBase64, 'gemm-simd'), {
    env: { memory },
  });
  module = {
    heap: new WasmHeap(memory),
    nn: instance.exports['gemm_nn'] as Kernel,
    tn: instance.exports['gemm_tn'] as Kernel,
  };
  return module;
}

/** True when this runtime runs the SIMD kernel (WebAssembly 128-bit SIMD). */
export function simdGemmAvailable(): boolean {
  return load() !== null;
}

const up = (v: number, to: number) => Math.ceil(v / to) * to;

/** Copies `rows` rows of `cols` values into a region whose rows are `stride` long (padding zeroed). */
function copyRows(
  dst: Float32Array,
  src: FloatArray,
  rows: number,
  cols: number,
  stride: number,
): void {
  if (stride === cols) {
    dst.set(src.subarray(0, rows * cols));
    return;
  }
  for (let r = 0; r < rows; r++) {
    dst.set(src.subarray(r * cols, (r + 1) * cols), r * stride);
    dst.fill(0, r * stride + cols, (r + 1) * stride);
  }
}

/**
 * C (+)= op(A) · op(B) like `gemm`, on the SIMD kernel. Both transposed is not
 * supported (backprop never asks for it); callers check `simdGemmAvailable()`.
 */
export const gemmSimd: Gemm = (m, n, k, a, transA, b, transB, c, accumulate) => {
  const mod = load();
  if (mod === null || (transA && transB)) throw new Error('gemmSimd: unavailable for this call');
  const mp = up(m, 4);
  const np = up(n, 8);
  const { heap } = mod;
  const mark = heap.mark();
  const pa = heap.alloc(4 * mp * k);
  const pb = heap.alloc(4 * k * np);
  const pc = heap.alloc(4 * mp * np);
  // views only after every allocation: growing the memory detaches earlier views
  const av = heap.f32(pa, mp * k);
  const bv = heap.f32(pb, k * np);
  const cv = heap.f32(pc, mp * np);
  if (transA) copyRows(av, a, k, m, mp);
  else {
    copyRows(av, a, m, k, k);
    av.fill(0, m * k);
  }
  if (transB) {
    // B is stored n×k: write its transpose k×np
    for (let j = 0; j < n; j++) {
      const row = j * k;
      for (let p = 0; p < k; p++) bv[p * np + j] = b[row + p]!;
    }
    if (np > n) for (let p = 0; p < k; p++) bv.fill(0, p * np + n, (p + 1) * np);
  } else copyRows(bv, b, k, n, np);
  if (accumulate) copyRows(cv, c, m, n, np);
  (transA ? mod.tn : mod.nn)(pa, pb, pc, mp, np, k, accumulate ? 1 : 0);
  if (np === n) c.set(cv.subarray(0, m * n));
  else for (let i = 0; i < m; i++) c.set(cv.subarray(i * np, i * np + n), i * n);
  heap.release(mark);
};
