/**
 * The memory of the LIF kernels (lif-simd.wat): the module loaded once, one
 * memory grown to the largest call and kept, reserved afresh by each call
 * (`regions`), and the copies of rows in and out, padded to a multiple of 4
 * with zeros (which compute zeros).
 */

import { writeDeferredGrad } from '../../ann/graph.ts';
import { compileWasm, WasmHeap, wasmSimdSupported } from '../../core/wasm.ts';
import { wasmBase64 } from './lif-simd.wasm.gen.ts';

type Fn = (...args: number[]) => number;

export interface Kernels {
  heap: WasmHeap;
  forward: Fn;
  listMasks: Fn;
  backward: Fn;
  compact: Fn;
  sparseRows: Fn;
  sparseOuter: Fn;
  denseSmallK: Fn;
}

let kernels: Kernels | null = null;

/**
 * The compaction's shuffles, at address 0: entry m (16 bytes) moves the 32-bit lanes whose bit is
 * set in the 4-bit mask m to the front, in order.
 */
const SHUFFLES = (() => {
  const t = new Uint8Array(256);
  for (let m = 0; m < 16; m++) {
    let at = 0;
    for (let lane = 0; lane < 4; lane++) {
      if (!(m & (1 << lane))) continue;
      for (let b = 0; b < 4; b++) t[m * 16 + at * 4 + b] = lane * 4 + b;
      at++;
    }
  }
  return t;
})();

export function load(): Kernels {
  if (kernels) return kernels;
  const memory = new WebAssembly.Memory({ initial: 16 });
  const inst = new WebAssembly.Instance(compileWasm(wasmBase64, 'LIF kernel'), { env: { memory } });
  new Uint8Array(memory.buffer).set(SHUFFLES);
  const e = inst.exports as Record<string, Fn>;
  kernels = {
    heap: new WasmHeap(memory, SHUFFLES.length),
    forward: e['forward']!,
    listMasks: e['listMasks']!,
    backward: e['backward']!,
    compact: e['compact']!,
    sparseRows: e['sparseRows']!,
    sparseOuter: e['sparseOuter']!,
    denseSmallK: e['denseSmallK']!,
  };
  return kernels;
}

export function lifKernelAvailable(): boolean {
  return wasmSimdSupported();
}

export const up4 = (n: number) => Math.ceil(n / 4) * 4;

/** Where each call's regions start: after the compaction's shuffles. */
export const REGIONS_BASE = SHUFFLES.length;

/** Reserves float regions (all allocations first: growing detaches views), then returns views. */
export function regions(
  k: Kernels,
  sizes: number[],
  base = SHUFFLES.length,
): { at: number[]; view: (i: number) => Float32Array } {
  writeDeferredGrad(); // a gradient still in this memory is written out before the memory is reused
  k.heap.release(base);
  const at = sizes.map((s) => k.heap.alloc(4 * Math.max(4, s)));
  return { at, view: (i) => k.heap.f32(at[i]!, sizes[i]!) };
}

/** Copies `rows` rows of `n` values into rows of `n4` (zero padding). */
export function putRows(
  dst: Float32Array,
  src: Float32Array,
  rows: number,
  n: number,
  n4: number,
): void {
  if (n === n4) {
    dst.set(src.subarray(0, rows * n));
    return;
  }
  if (n < 64) {
    // short rows: a loop beats a subarray per row
    for (let r = 0; r < rows; r++) {
      const d = r * n4;
      const o = r * n;
      for (let i = 0; i < n; i++) dst[d + i] = src[o + i]!;
      for (let i = n; i < n4; i++) dst[d + i] = 0;
    }
    return;
  }
  for (let r = 0; r < rows; r++) {
    dst.set(src.subarray(r * n, (r + 1) * n), r * n4);
    dst.fill(0, r * n4 + n, (r + 1) * n4);
  }
}

export function getRows(
  dst: Float32Array,
  src: Float32Array,
  rows: number,
  n: number,
  n4: number,
): void {
  if (n === n4) {
    dst.set(src.subarray(0, rows * n));
    return;
  }
  if (n < 64) {
    for (let r = 0; r < rows; r++) {
      const d = r * n;
      const o = r * n4;
      for (let i = 0; i < n; i++) dst[d + i] = src[o + i]!;
    }
    return;
  }
  for (let r = 0; r < rows; r++) dst.set(src.subarray(r * n4, r * n4 + n), r * n);
}
