/**
 * The sparse products of the synapses (lif-simd.wat): spikes listed per row,
 * times a weight matrix or outer-multiplied into its gradient, each sum in
 * input order.
 */

import type { OnesIndex } from '../../ann/tensor.ts';
import { getRows, type Kernels, load, putRows, regions, up4 } from './lif-memory.ts';

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
