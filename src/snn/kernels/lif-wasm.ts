/**
 * The fused WebAssembly SIMD kernels of lif-simd.wat for a layer's ticks,
 * forward and backward through time, and ∂L/∂s of a narrow readout (the
 * sparse products are in lif-sparse.ts, the memory in lif-memory.ts). Each
 * call copies its arrays in and its results out, except: a spiking layer
 * lists its spikes per row as it runs (the synapses then read the list, not
 * the raster) and keeps no membrane (the backward pass recomputes it, tile by
 * tile, in the kernel's memory); its raster is written from the list; and
 * the readout's ∂L/∂s is computed inside the hidden layer's backward loop (`handoff`).
 */

import { deferGradWrite, takeDeferredGrad } from '../../ann/graph.ts';
import type { OnesIndex } from '../../ann/tensor.ts';
import { wasmSimdSupported } from '../../core/wasm.ts';
import { getRows, load, putRows, REGIONS_BASE, regions, up4 } from './lif-memory.ts';

export { compactRows, type SparseRows, sparseOuterAdd, sparseRowsTimes } from './lif-sparse.ts';

export function lifKernelAvailable(): boolean {
  return wasmSimdSupported();
}

/**
 * ∂L/∂s of the spikes that `spikeInputGrad` deferred (see `deferGradWrite`): dz and Wᵀ are in the
 * kernel's memory, and the product is computed only when gs is read. The layer that emitted those
 * spikes is the next one backward: its `lifBackward` takes it and computes the product a sample at
 * a time inside its own loop, so the 4·T·B·N bytes of gs are never stored. If another rule or
 * kernel call comes first, the product is computed then, into gs.
 */
let handoff: {
  gs: Float32Array;
  dzAt: number;
  btAt: number;
  /** Where the memory the deferred product needs ends. */
  end: number;
  rows: number;
  F: number;
  N: number;
  accumulate: boolean;
} | null = null;

/** The widest layer whose backward pass computes its ∂L/∂s itself (a sample's row in one tile). */
const FUSED_ROW = 1024;

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
 * (T·n/N + 1) and `ones.cols` (up to T·n); `raster` false then fills `out` with NaN instead of the
 * 0/1 raster (for callers that read the list only: a stray read shows).
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
  raster = true,
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
    if (raster) rasterFromList(out, ones, rows);
    else out.fill(Number.NaN, 0, T * n);
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
  const fused =
    h !== null &&
    h.gs === dy &&
    n4 === n &&
    n % h.F === 0 &&
    h.rows === (T - 1) * (n / h.F) &&
    takeDeferredGrad(dy);
  handoff = null;
  const copyDy = !fused || h.accumulate;
  // dy, u, gx, gv, gi, input, scratch (T × 1024 floats), v, syn, ∂L/∂s of one sample (T × F)
  const r = regions(
    k,
    [
      copyDy ? T * n4 : 0,
      again ? 0 : T * n4,
      gRows * n4,
      n4,
      n4,
      again ? gRows * n4 : 0,
      again ? 1024 * T : 0,
      again ? n4 : 0,
      again ? n4 : 0,
      fused ? T * h.F : 0,
    ],
    fused ? h.end : REGIONS_BASE,
  );
  const [pDy, pU, pGx, pGv, pGi, pIn, pScr, pV, pSyn, pGsc] = r.at as number[];
  if (again) {
    putRows(r.view(5), inp!, gRows, n, n4);
    r.view(7).fill(0);
    r.view(8).fill(0);
  } else putRows(r.view(1), u, T, n, n4);
  if (copyDy) putRows(r.view(0), dy, T, n, n4);
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
    fused ? h.dzAt : 0,
    fused ? h.btAt : 0,
    fused ? h.N : 0,
    fused ? h.F : 0,
    fused ? +h.accumulate : 0,
    fused ? pGsc! : 0,
  );
  getRows(gx, r.view(2), gRows, n, n4);
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
  const r = regions(k, [rows * N, N * F4]);
  r.view(0).set(dz.subarray(0, rows * N));
  const bt = r.view(1);
  bt.fill(0);
  for (let j = 0; j < F; j++) for (let c = 0; c < N; c++) bt[c * F4 + j] = w[j * N + c]!;
  const [dzAt, btAt] = r.at as [number, number];
  const end = k.heap.mark();
  const product = () => {
    handoff = null; // gs now holds the product: nothing is left for lifBackward to take
    const out = regions(k, [rows * F4], end);
    if (accumulate) putRows(out.view(0), gs, rows, F, F4);
    k.denseSmallK(dzAt, btAt, out.at[0]!, rows, N, F4, +accumulate);
    getRows(gs, out.view(0), rows, F, F4);
  };
  handoff = null;
  if (F4 !== F || F > FUSED_ROW) {
    product();
    return;
  }
  deferGradWrite(gs, product);
  handoff = { gs, dzAt, btAt, end, rows, F, N, accumulate };
}
