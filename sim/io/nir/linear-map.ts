/**
 * The weight nodes of a NIR graph (Affine, Linear, Scale, Conv, pooling,
 * Flatten) as sparse matrices, rows = input elements, columns = output
 * elements, so that a chain of them from a population to the next folds into
 * one CSR projection: the engine's connectivity, built once. Convolutions
 * and pooling become the synapses their kernels imply; the memory is checked
 * before anything is allocated. Elements are in row-major (C, H, W) order,
 * as PyTorch and NIR flatten them.
 */
import { invalid, SpikelabError } from '../../../src/core/errors.ts';
import { checkAllocation, DEFAULT_MEMORY_BUDGET_BYTES } from '../../../src/core/memory.ts';
import type { NirNode } from './graph.ts';

export interface Csr {
  rows: number;
  cols: number;
  rowStart: Uint32Array;
  cols_: Uint32Array;
  values: Float64Array;
}

/** Bytes per stored synapse while folding (column index + float64 weight) and in the engine. */
const BYTES_PER_ENTRY = 4 + 8 + 16;

export function identity(n: number): Csr {
  return {
    rows: n,
    cols: n,
    rowStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
    cols_: Uint32Array.from({ length: n }, (_, i) => i),
    values: new Float64Array(n).fill(1),
  };
}

/** A dense [out, in] row-major matrix (NIR's `weight`) as CSR by input, zeros dropped. */
export function fromWeight(w: Float64Array, out: number, inn: number): Csr {
  const counts = new Uint32Array(inn + 1);
  for (let o = 0; o < out; o++)
    for (let i = 0; i < inn; i++) if (w[o * inn + i] !== 0) counts[i + 1]!++;
  for (let i = 0; i < inn; i++) counts[i + 1]! += counts[i]!;
  const nnz = counts[inn]!;
  const cols = new Uint32Array(nnz);
  const values = new Float64Array(nnz);
  const fill = counts.slice(0, inn);
  for (let o = 0; o < out; o++) {
    for (let i = 0; i < inn; i++) {
      const x = w[o * inn + i]!;
      if (x === 0) continue;
      const k = fill[i]!++;
      cols[k] = o;
      values[k] = x;
    }
  }
  return { rows: inn, cols: out, rowStart: counts, cols_: cols, values };
}

export function diagonal(d: Float64Array): Csr {
  const m = identity(d.length);
  m.values.set(d);
  return m;
}

/** a · b (a: rows × k, b: k × cols), zero products kept out. */
export function compose(a: Csr, b: Csr, what: string, budget = DEFAULT_MEMORY_BUDGET_BYTES): Csr {
  let bound = 0;
  for (let k = 0; k < a.cols_.length; k++) {
    const j = a.cols_[k]!;
    bound += b.rowStart[j + 1]! - b.rowStart[j]!;
  }
  checkAllocation(Math.min(bound, a.rows * b.cols) * BYTES_PER_ENTRY, what, budget);
  const acc = new Float64Array(b.cols);
  const seen = new Uint8Array(b.cols);
  const touched = new Uint32Array(b.cols);
  const rowStart = new Uint32Array(a.rows + 1);
  let cols = new Uint32Array(Math.max(16, Math.min(bound, a.rows * b.cols)));
  let values = new Float64Array(cols.length);
  let nnz = 0;
  for (let r = 0; r < a.rows; r++) {
    let nt = 0;
    for (let k = a.rowStart[r]!; k < a.rowStart[r + 1]!; k++) {
      const j = a.cols_[k]!;
      const w = a.values[k]!;
      for (let m = b.rowStart[j]!; m < b.rowStart[j + 1]!; m++) {
        const c = b.cols_[m]!;
        if (!seen[c]) {
          seen[c] = 1;
          touched[nt++] = c;
        }
        acc[c]! += w * b.values[m]!;
      }
    }
    const order = touched.subarray(0, nt).sort();
    for (const c of order) {
      if (acc[c] !== 0) {
        if (nnz === cols.length) {
          const c2 = new Uint32Array(cols.length * 2);
          c2.set(cols);
          cols = c2;
          const v2 = new Float64Array(values.length * 2);
          v2.set(values);
          values = v2;
        }
        cols[nnz] = c;
        values[nnz++] = acc[c]!;
      }
      acc[c] = 0;
      seen[c] = 0;
    }
    rowStart[r + 1] = nnz;
  }
  return {
    rows: a.rows,
    cols: b.cols,
    rowStart,
    cols_: cols.slice(0, nnz),
    values: values.slice(0, nnz),
  };
}

/** x · m for a dense row vector x of length m.rows. */
export function applyToVector(x: Float64Array, m: Csr): Float64Array {
  const y = new Float64Array(m.cols);
  for (let r = 0; r < m.rows; r++) {
    const xr = x[r]!;
    if (xr === 0) continue;
    for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) y[m.cols_[k]!]! += xr * m.values[k]!;
  }
  return y;
}

function pair(node: NirNode, key: string, dims: number, def: number): number[] {
  const a = node.params[key];
  if (!a) return Array(dims).fill(def);
  if (a.data.length === 1) return Array(dims).fill(a.data[0]!);
  if (a.data.length !== dims)
    throw invalid(key, `${a.data.length} values`, `1 or ${dims}`, 'SHAPE_MISMATCH');
  return Array.from(a.data);
}

export interface ConvGeometry {
  cin: number;
  cout: number;
  /** Spatial input and output sizes, 1 or 2 dims. */
  inSize: number[];
  outSize: number[];
}

/**
 * A convolution (or a pooling, as a grouped convolution with a constant
 * kernel) as CSR, rows = input elements (ci, y, x), columns = output elements.
 * `kernel(co, ciInGroup, ky, kx)` gives the weight.
 */
export function convolution(
  name: string,
  node: NirNode,
  inShape: number[],
  spec: {
    cout: number;
    cinPerGroup: number;
    groups: number;
    kernel: number[];
    weight: (co: number, ci: number, k: number) => number;
  },
  budget = DEFAULT_MEMORY_BUDGET_BYTES,
): { csr: Csr; outShape: number[] } {
  const dims = spec.kernel.length;
  const [cin, ...size] = inShape.slice(-(dims + 1));
  if (size.length !== dims || cin === undefined) {
    throw invalid(
      `node ${name}: input shape`,
      `[${inShape.join(', ')}]`,
      `(C, ${dims === 2 ? 'H, W' : 'L'})`,
      'SHAPE_MISMATCH',
    );
  }
  if (cin !== spec.cinPerGroup * spec.groups) {
    throw new SpikelabError(
      'SHAPE_MISMATCH',
      `node ${name}: the kernel takes ${spec.cinPerGroup * spec.groups} input channels, its input has ${cin}`,
    );
  }
  const stride = pair(node, 'stride', dims, 1);
  const dilation = pair(node, 'dilation', dims, 1);
  const padText = node.strings?.padding;
  let padding: number[];
  if (padText === 'valid') padding = Array(dims).fill(0);
  else if (padText === 'same')
    padding = spec.kernel.map((k, d) => Math.floor((dilation[d]! * (k - 1)) / 2));
  else if (padText !== undefined)
    throw invalid(`node ${name}.padding`, padText, "numbers, 'same' or 'valid'", 'INVALID_FILE');
  else padding = pair(node, 'padding', dims, 0);
  const outSize = size.map((s, d) =>
    Math.floor((s + 2 * padding[d]! - dilation[d]! * (spec.kernel[d]! - 1) - 1) / stride[d]! + 1),
  );
  if (outSize.some((s) => s < 1))
    throw invalid(
      `node ${name}: output size`,
      `[${outSize.join(', ')}]`,
      'at least 1 in every dimension',
      'SHAPE_MISMATCH',
    );
  const inN = cin * size.reduce((a, b) => a * b, 1);
  const outPlane = outSize.reduce((a, b) => a * b, 1);
  const kN = spec.kernel.reduce((a, b) => a * b, 1);
  const synapses = spec.cout * outPlane * spec.cinPerGroup * kN;
  checkAllocation(
    synapses * BYTES_PER_ENTRY,
    `node ${name} (${node.type}): connectivity of ${synapses.toExponential(2)} synapses`,
    budget,
  );
  const rowCounts = new Uint32Array(inN + 1);
  const entries = {
    rows: new Uint32Array(synapses),
    cols: new Uint32Array(synapses),
    w: new Float64Array(synapses),
  };
  let n = 0;
  const coutPerGroup = spec.cout / spec.groups;
  const [H, W] = dims === 2 ? [size[0]!, size[1]!] : [1, size[0]!];
  const [oH, oW] = dims === 2 ? [outSize[0]!, outSize[1]!] : [1, outSize[0]!];
  const [kH, kW] = dims === 2 ? [spec.kernel[0]!, spec.kernel[1]!] : [1, spec.kernel[0]!];
  const [sH, sW] = dims === 2 ? [stride[0]!, stride[1]!] : [1, stride[0]!];
  const [pH, pW] = dims === 2 ? [padding[0]!, padding[1]!] : [0, padding[0]!];
  const [dH, dW] = dims === 2 ? [dilation[0]!, dilation[1]!] : [1, dilation[0]!];
  for (let co = 0; co < spec.cout; co++) {
    const g = Math.floor(co / coutPerGroup);
    for (let oy = 0; oy < oH; oy++) {
      for (let ox = 0; ox < oW; ox++) {
        const col = (co * oH + oy) * oW + ox;
        for (let c = 0; c < spec.cinPerGroup; c++) {
          const ci = g * spec.cinPerGroup + c;
          for (let ky = 0; ky < kH; ky++) {
            const iy = oy * sH - pH + ky * dH;
            if (iy < 0 || iy >= H) continue;
            for (let kx = 0; kx < kW; kx++) {
              const ix = ox * sW - pW + kx * dW;
              if (ix < 0 || ix >= W) continue;
              const w = spec.weight(co, c, ky * kW + kx);
              if (w === 0) continue;
              const row = (ci * H + iy) * W + ix;
              entries.rows[n] = row;
              entries.cols[n] = col;
              entries.w[n++] = w;
              rowCounts[row + 1]!++;
            }
          }
        }
      }
    }
  }
  for (let i = 0; i < inN; i++) rowCounts[i + 1]! += rowCounts[i]!;
  const fill = rowCounts.slice(0, inN);
  const cols = new Uint32Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const at = fill[entries.rows[k]!]!++;
    cols[at] = entries.cols[k]!;
    values[at] = entries.w[k]!;
  }
  return {
    csr: { rows: inN, cols: spec.cout * outPlane, rowStart: rowCounts, cols_: cols, values },
    outShape: [spec.cout, ...outSize],
  };
}
