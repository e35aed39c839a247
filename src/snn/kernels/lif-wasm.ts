/**
 * The fused WebAssembly SIMD kernels of lif-simd.wat: a layer's ticks
 * forward and backward through time, and the sparse products of the
 * synapses. One memory, grown to the largest call and kept; each call copies
 * its arrays in and its results out. What is not copied: a spiking layer
 * lists its spikes per row as it runs (the synapses then read the list, not
 * the raster) and keeps no membrane (the backward pass recomputes it, tile by
 * tile, in the kernel's memory); its raster is written from the list; and the
 * readout's ∂L/∂s is read where the readout left it (`handoff`). Rows whose length is not a multiple of 4
 * are padded with zeros, which compute zeros.
 */

import { backwardRulesRun } from '../../ann/graph.ts';
import type { OnesIndex } from '../../ann/tensor.ts';
import { compileWasm, WasmHeap, wasmSimdSupported } from '../../core/wasm.ts';
import { wasmBase64 } from './lif-simd.wasm.gen.ts';

type Fn = (...args: number[]) => number;

interface Kernels {
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

function load(): Kernels {
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

const up4 = (n: number) => Math.ceil(n / 4) * 4;

/** Counts the calls that reuse the kernel's memory: a result left there is intact while it stands. */
let generation = 0;

/**
 * ∂L/∂s that `spikeInputGrad` left in the kernel's memory (and copied out to `gs`). The layer
 * that emitted those spikes is the next one backward, and its `lifBackward` reads them there
 * instead of copying 4·T·B·N bytes back in, provided no kernel call reused the memory and no
 * other backward rule (which might add to `gs`) ran in between.
 */
let handoff: {
  gs: Float32Array;
  at: number;
  floats: number;
  generation: number;
  rule: number;
} | null = null;

/** Reserves float regions (all allocations first: growing detaches views), then returns views. */
function regions(
  k: Kernels,
  sizes: number[],
  base = SHUFFLES.length,
): { at: number[]; view: (i: number) => Float32Array } {
  generation++;
  k.heap.release(base);
  const at = sizes.map((s) => k.heap.alloc(4 * Math.max(4, s)));
  return { at, view: (i) => k.heap.f32(at[i]!, sizes[i]!) };
}

/** Copies `rows` rows of `n` values into rows of `n4` (zero padding). */
function putRows(dst: Float32Array, src: Float32Array, rows: number, n: number, n4: number): void {
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

function getRows(dst: Float32Array, src: Float32Array, rows: number, n: number, n4: number): void {
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

/**
 * The 0/1 raster of listed spikes. Spikes are sparse, so clearing the raster and setting the
 * listed ones moves a third of the bytes that storing it in the kernel and copying it out did.
 */
function rasterFromList(
  out: Float32Array,
  ones: OnesIndex & { readonly N: number },
  rows: number,
): void {
  const { ptr, cols, N } = ones;
  out.fill(0, 0, rows * N);
  for (let r = 0; r < rows; r++) {
    const o = r * N;
    for (let i = ptr[r]!; i < ptr[r + 1]!; i++) out[o + cols[i]!] = 1;
  }
}

export interface KernelDynamics {
  beta: number;
  alpha: number;
  theta: number;
  cuba: boolean;
  subtract: boolean;
  spiking: boolean;
  emitSpikes: boolean;
  /** 0 fast sigmoid, 1 ATan. */
  surrogate: 0 | 1;
  scale: number;
}

/** Whether `lifForward` can list the spikes of n values per tick in rows of N (no padding). */
export const canListSpikes = (n: number, N: number): boolean =>
  n % 4 === 0 && N > 0 && N % 4 === 0 && n % N === 0;

/**
 * Forward over T ticks of n values each: fills `out` and `u` (the pre-reset membrane; null: not
 * kept, `lifBackward` recomputes it) and returns the spike count. With `ones` (rows of N values,
 * where `canListSpikes(n, N)`, spikes out) it also lists the spikes of each row into `ones.ptr`
 * (T·n/N + 1) and `ones.cols` (up to T·n).
 */
export function lifForward(
  inp: Float32Array,
  isStatic: boolean,
  T: number,
  n: number,
  d: KernelDynamics,
  u: Float32Array | null,
  out: Float32Array,
  ones: (OnesIndex & { readonly N: number }) | null = null,
): number {
  const k = load();
  const n4 = up4(n);
  const inRows = isStatic ? 1 : T;
  const list = ones !== null && d.emitSpikes && canListSpikes(n, ones.N);
  if (u === null && !list) throw new Error('lifForward: u is needed unless the spikes are listed');
  const rows = list ? (T * n) / ones.N : 0;
  // input, u, output, v, syn, masks (bytes), idx, ptr
  const r = regions(k, [
    inRows * n4,
    u ? T * n4 : 0,
    list ? 0 : T * n4,
    n4,
    n4,
    list ? (T * n4) / 16 : 0,
    list ? T * n : 0,
    rows + 1,
  ]);
  const [pIn, pU, pOut, pV, pSyn, pMasks, pIdx, pPtr] = r.at as number[];
  putRows(r.view(0), inp, inRows, n, n4);
  r.view(3).fill(0);
  r.view(4).fill(0);
  let count = k.forward(
    pIn!,
    isStatic ? 1 : 0,
    pU!,
    pOut!,
    pV!,
    pSyn!,
    T,
    n4,
    d.beta,
    d.alpha,
    d.spiking ? d.theta : Number.POSITIVE_INFINITY,
    +d.cuba,
    +d.subtract,
    +d.emitSpikes,
    (u ? 1 : 0) | (list ? 0 : 2),
    list ? pMasks! : 0,
  );
  if (u) getRows(u, r.view(1), T, n, n4);
  if (list) {
    k.listMasks(pMasks!, (T * n) / 4, ones.N, pIdx!, pPtr!);
    const ptr = k.heap.i32(pPtr!, rows + 1);
    ones.ptr.set(ptr);
    ones.cols.set(k.heap.i32(pIdx!, ptr[rows]!));
    rasterFromList(out, ones, rows);
  } else getRows(out, r.view(2), T, n, n4);
  if (n4 !== n) {
    // padding lanes may spike (θ < 0): count the real ones (u is kept when not listing)
    count = 0;
    const theta = d.spiking ? d.theta : Number.POSITIVE_INFINITY;
    for (let i = 0; i < T * n; i++) if (u![i]! > theta) count++;
  }
  return count;
}

/**
 * Backward through time: adds ∂L/∂input into gx ([n] when static, else [T·n]). `u` null: the
 * forward pass kept no membrane, and the kernel recomputes it from the input `inp` (the same
 * float32 operations, so the same values), a group of neurons at a time.
 */
export function lifBackward(
  dy: Float32Array,
  u: Float32Array | null,
  gx: Float32Array,
  isStatic: boolean,
  T: number,
  n: number,
  d: KernelDynamics,
  inp: Float32Array | null = null,
): void {
  const k = load();
  const n4 = up4(n);
  const gRows = isStatic ? 1 : T;
  const again = u === null;
  if (again && inp === null) throw new Error('lifBackward: recomputing u needs the input');
  const h = handoff;
  const resident =
    h !== null &&
    h.gs === dy &&
    h.generation === generation &&
    h.rule + 1 === backwardRulesRun() &&
    n4 === n;
  handoff = null;
  // dy, u, gx, gv, gi, input, scratch (T × 1024 floats), v, syn
  const r = regions(
    k,
    [
      T * n4,
      again ? 0 : T * n4,
      gRows * n4,
      n4,
      n4,
      again ? gRows * n4 : 0,
      again ? 1024 * T : 0,
      again ? n4 : 0,
      again ? n4 : 0,
    ],
    resident ? h.at : SHUFFLES.length,
  );
  const [pDy, pU, pGx, pGv, pGi, pIn, pScr, pV, pSyn] = r.at as number[];
  if (again) {
    putRows(r.view(5), inp!, gRows, n, n4);
    r.view(7).fill(0);
    r.view(8).fill(0);
  } else putRows(r.view(1), u, T, n, n4);
  // the rows spikeInputGrad did not compute (the last tick's spikes reach no one) are copied
  if (resident) r.view(0).set(dy.subarray(h.floats, T * n), h.floats);
  else putRows(r.view(0), dy, T, n, n4);
  putRows(r.view(2), gx, gRows, n, n4);
  r.view(3).fill(0);
  r.view(4).fill(0);
  k.backward(
    pDy!,
    again ? 0 : pU!,
    pGx!,
    isStatic ? 1 : 0,
    pGv!,
    pGi!,
    pIn!,
    pScr!,
    pV!,
    pSyn!,
    T,
    n4,
    d.beta,
    d.alpha,
    d.spiking ? d.theta : Number.POSITIVE_INFINITY,
    +d.cuba,
    +d.subtract,
    +d.emitSpikes,
    +d.spiking,
    d.surrogate,
    d.scale,
  );
  getRows(gx, r.view(2), gRows, n, n4);
}

/** Padded row length of the sparse products: a multiple of 4, and at least 16 (one 16-column tile, not four of 4). */
const tileWidth = (N: number) => (N <= 16 ? 16 : up4(N));

/** The non-zero inputs of each row of s [rows, F], in order: a ones index plus their values. */
export interface SparseRows extends OnesIndex {
  /** The values (null: all ones). */
  readonly vals: Float32Array | null;
}

/** Lists the non-zero entries of s [rows, F] into `into` (ptr: rows + 1, cols and vals: rows·F). */
export function compactRows(s: Float32Array, rows: number, F: number, into: SparseRows): void {
  const k = load();
  const r = regions(k, [rows * F, rows * F, rows + 1]);
  const [pS, pIdx, pPtr] = r.at as [number, number, number];
  r.view(0).set(s.subarray(0, rows * F));
  k.compact(pS, rows, F, pIdx, pS, pPtr);
  const ptr = k.heap.i32(pPtr, rows + 1);
  const nnz = ptr[rows]!;
  into.ptr.set(ptr);
  into.cols.set(k.heap.i32(pIdx, nnz));
  into.vals?.set(k.heap.f32(pS, nnz));
}

/** Copies the first `rows` rows of a sparse-row list in; returns [idx, val, ptr] offsets. */
function putSparse(k: Kernels, sp: SparseRows, rows: number, at: number[]): void {
  const nnz = sp.ptr[rows]!;
  k.heap.i32(at[0]!, nnz).set(sp.cols.subarray(0, nnz));
  if (sp.vals) k.heap.f32(at[1]!, nnz).set(sp.vals.subarray(0, nnz)); // else all ones, not read
  k.heap.i32(at[2]!, rows + 1).set(sp.ptr.subarray(0, rows + 1));
}

/** out[r, :] = Σ_j s[r, j]·W[j, :] for `rows` rows of s given as sparse rows (out overwritten), W [F, N], each sum in input order. */
export function sparseRowsTimes(
  sp: SparseRows,
  rows: number,
  w: Float32Array,
  F: number,
  N: number,
  out: Float32Array,
): void {
  const k = load();
  const N4 = tileWidth(N);
  const nnz = sp.ptr[rows]!;
  const r = regions(k, [nnz, nnz, rows + 1, F * N4, rows * N4]);
  putSparse(k, sp, rows, r.at);
  putRows(r.view(3), w, F, N, N4);
  k.sparseRows(r.at[0]!, r.at[1]!, r.at[2]!, r.at[3]!, r.at[4]!, rows, N4, sp.vals ? 0 : 1);
  getRows(out, r.view(4), rows, N, N4);
}

/** gw[j, :] += Σ_r s[r, j]·dz[r, :] over `rows` rows of s given as sparse rows. */
export function sparseOuterAdd(
  sp: SparseRows,
  rows: number,
  dz: Float32Array,
  F: number,
  N: number,
  gw: Float32Array,
): void {
  const k = load();
  const N4 = tileWidth(N);
  const nnz = sp.ptr[rows]!;
  const r = regions(k, [nnz, nnz, rows + 1, rows * N4, F * N4]);
  putSparse(k, sp, rows, r.at);
  putRows(r.view(3), dz, rows, N, N4);
  putRows(r.view(4), gw, F, N, N4);
  k.sparseOuter(r.at[0]!, r.at[1]!, r.at[2]!, r.at[4]!, r.at[3]!, rows, N4, sp.vals ? 0 : 1);
  getRows(gw, r.view(4), F, N, N4);
}

/** The largest inner dimension `spikeInputGrad` takes (a few output classes). */
export const SMALL_K = 32;

/**
 * gs[r, :] += dz[r, :]·Wᵀ for `rows` rows, W [F, N] with N ≤ SMALL_K: ∂L/∂s of a narrow
 * projection. With `accumulate` false gs is overwritten (and not copied in).
 */
export function spikeInputGrad(
  dz: Float32Array,
  w: Float32Array,
  rows: number,
  F: number,
  N: number,
  gs: Float32Array,
  accumulate = true,
): void {
  const k = load();
  const F4 = up4(F);
  const r = regions(k, [rows * N, N * F4, rows * F4]);
  r.view(0).set(dz.subarray(0, rows * N));
  const bt = r.view(1);
  bt.fill(0);
  for (let j = 0; j < F; j++) for (let c = 0; c < N; c++) bt[c * F4 + j] = w[j * N + c]!;
  if (accumulate) putRows(r.view(2), gs, rows, F, F4);
  k.denseSmallK(r.at[0]!, r.at[1]!, r.at[2]!, rows, N, F4, +accumulate);
  getRows(gs, r.view(2), rows, F, F4);
  handoff =
    F4 === F ? { gs, at: r.at[2]!, floats: rows * F, generation, rule: backwardRulesRun() } : null;
}
