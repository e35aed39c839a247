/**
 * A tensor is a shape plus a Float32Array in row-major order, nothing more:
 * no strides, no device, no dtype. Kernels work on the `data` arrays directly.
 */
import { SpikelabError } from '../core/errors.ts';
import { checkArrayLength } from '../core/memory.ts';

/**
 * Values are float32 everywhere; float64 exists so that gradient checks can
 * take finite differences at eps ≈ 1e-6 (as PyTorch's gradcheck does in
 * double precision). Kernels accept both.
 */
export type FloatArray = Float32Array | Float64Array;

/**
 * Where the ones of a 0/1 matrix [rows, cols] are: row r's in columns
 * cols[ptr[r]] … cols[ptr[r + 1] − 1], ascending (spikes, listed by the op
 * that emits them, so that a consumer can skip the zeros without reading them).
 */
export interface OnesIndex {
  readonly ptr: Int32Array;
  readonly cols: Int32Array;
}

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: FloatArray;
  /** Present when `data` is 0/1 and its producer listed the ones. */
  readonly ones?: OnesIndex;
}

/** Number of elements of a shape (1 for a scalar, shape []). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function checkShape(shape: readonly number[], what: string): void {
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `${what}: shape [${shape.join(', ')}] has a bad dimension ${d}; allowed: integers ≥ 0`,
      );
    }
  }
  checkArrayLength(sizeOf(shape), what);
}

/** Wraps `data` (not copied) with `shape`; the sizes must agree. */
export function tensor(data: FloatArray | readonly number[], shape: readonly number[]): Tensor {
  checkShape(shape, 'tensor');
  const arr =
    data instanceof Float32Array || data instanceof Float64Array ? data : Float32Array.from(data);
  if (arr.length !== sizeOf(shape)) {
    throw new SpikelabError(
      'SHAPE_MISMATCH',
      `tensor: ${arr.length} values do not fill shape [${shape.join(', ')}] (${sizeOf(shape)} elements)`,
    );
  }
  return { shape: [...shape], data: arr };
}

export function zeros(shape: readonly number[]): Tensor {
  checkShape(shape, 'zeros');
  return { shape: [...shape], data: new Float32Array(sizeOf(shape)) };
}

export function scalar(v: number): Tensor {
  return { shape: [], data: Float32Array.of(v) };
}

/** A 2-D tensor from nested rows (for tests and examples). */
export function fromRows(rows: readonly (readonly number[])[]): Tensor {
  const r = rows.length;
  const c = r === 0 ? 0 : rows[0]!.length;
  const data = new Float32Array(r * c);
  rows.forEach((row, i) => {
    if (row.length !== c) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `fromRows: row ${i} has ${row.length} values; allowed: ${c}`,
      );
    }
    data.set(row, i * c);
  });
  return { shape: [r, c], data };
}

/** Rows as plain arrays (for tests and printing). */
export function toRows(t: Tensor): number[][] {
  const [r, c] = t.shape.length === 2 ? [t.shape[0]!, t.shape[1]!] : [1, t.data.length];
  const out: number[][] = [];
  for (let i = 0; i < r; i++) out.push(Array.from(t.data.subarray(i * c, (i + 1) * c)));
  return out;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function showShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Rows and columns of a tensor seen as a matrix: the last axis is the column axis. */
export function asMatrix(shape: readonly number[]): [rows: number, cols: number] {
  if (shape.length === 0) return [1, 1];
  const cols = shape[shape.length - 1]!;
  return [cols === 0 ? 0 : sizeOf(shape) / cols, cols];
}
