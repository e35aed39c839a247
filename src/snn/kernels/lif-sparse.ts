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
  k.sparseRows(r.at[0]!, r.at[1]!, r.at[2]!, r.at[3]!, r.at[4]!, rows, N4, sp.vals ? 0 : 1, 0);
  getRows(out, r.view(4), rows, N, N4);
}

/**
 * Rows of gw at least this wide are summed from the list transposed (each row of gw then stays in
 * registers over its inputs, instead of being loaded and stored once per input); narrower ones,
 * where transposing a long list costs more than it saves, add input by input.
 */
const TRANSPOSE_FROM = 64;

/**
 * gw[j, :] += Σ_r s[r, j]·dz[r, :] over `rows` rows of s given as sparse rows, each sum over r in
 * order from gw's value (the same float32 operations either way).
 */
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
  const r = regions(k, [nnz, nnz, Math.max(rows, F) + 1, rows * N4, F * N4]);
  putRows(r.view(3), dz, rows, N, N4);
  putRows(r.view(4), gw, F, N, N4);
  const ones = sp.vals ? 0 : 1;
  if (N4 < TRANSPOSE_FROM) {
    putSparse(k, sp, rows, r.at);
    k.sparseOuter(r.at[0]!, r.at[1]!, r.at[2]!, r.at[4]!, r.at[3]!, rows, N4, ones);
  } else {
    transposeInto(k, sp, rows, F, r.at);
    k.sparseRows(r.at[0]!, r.at[1]!, r.at[2]!, r.at[3]!, r.at[4]!, F, N4, ones, 1);
  }
  getRows(gw, r.view(4), F, N, N4);
}

/** The list by input: for each j, the rows r with s[r, j] ≠ 0 in order (and their values), at [idx, val, ptr]. */
function transposeInto(k: Kernels, sp: SparseRows, rows: number, F: number, at: number[]): void {
  const nnz = sp.ptr[rows]!;
  const idx = k.heap.i32(at[0]!, nnz);
  const val = k.heap.f32(at[1]!, nnz);
  const ptr = k.heap.i32(at[2]!, F + 1);
  const { cols, vals } = sp;
  ptr.fill(0);
  for (let e = 0; e < nnz; e++) ptr[cols[e]! + 1]!++;
  for (let j = 0; j < F; j++) ptr[j + 1]! += ptr[j]!;
  // ptr[j] walks forward as row indices land; afterwards ptr[j] is where j + 1 starts
  for (let row = 0; row < rows; row++)
    for (let e = sp.ptr[row]!; e < sp.ptr[row + 1]!; e++) {
      const at2 = ptr[cols[e]!]!++;
      idx[at2] = row;
      if (vals) val[at2] = vals[e]!;
    }
  ptr.copyWithin(1, 0, F);
  ptr[0] = 0;
}
