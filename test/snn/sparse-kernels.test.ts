/**
 * The synapses' weight gradient gw[j, :] += Σ_r s[r, j]·dz[r, :] from a sparse-row list, narrow
 * (input by input) and wide (the list transposed, gw's rows in registers), against float32 loops
 * that add each rounded product to gw in row order: bit for bit, from a non-zero gw.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { compactRows, type SparseRows, sparseOuterAdd } from '../../src/snn/kernels/lif-wasm.ts';

const fr = Math.fround;

function setup(rows: number, F: number, N: number, spikes: boolean) {
  const rng = new Rng(17);
  const s = Float32Array.from({ length: rows * F }, () =>
    rng.uniform() < 0.25 ? (spikes ? 1 : rng.normal()) : 0,
  );
  const dz = Float32Array.from({ length: rows * N }, () => rng.normal());
  const gw = Float32Array.from({ length: F * N }, () => rng.normal());
  const list: SparseRows = {
    ptr: new Int32Array(rows + 1),
    cols: new Int32Array(rows * F),
    vals: spikes ? null : new Float32Array(rows * F),
  };
  compactRows(s, rows, F, list);
  return { s, dz, gw, list };
}

function reference(
  s: Float32Array,
  dz: Float32Array,
  gw: Float32Array,
  rows: number,
  F: number,
  N: number,
) {
  const out = Float32Array.from(gw);
  for (let r = 0; r < rows; r++)
    for (let j = 0; j < F; j++) {
      const v = s[r * F + j]!;
      if (v === 0) continue;
      for (let c = 0; c < N; c++) out[j * N + c] = fr(out[j * N + c]! + fr(v * dz[r * N + c]!));
    }
  return out;
}

describe('sparse weight gradient', () => {
  it.each([
    ['narrow (10 columns, input by input), values', 10, false],
    ['narrow, spikes', 10, true],
    ['wide (70 columns, transposed), values', 70, false],
    ['wide, spikes', 70, true],
    ['wide, 130 columns (tiles of 32, 16 and 4)', 130, false],
  ] as const)('%s: the float32 loops bit for bit', (_, N, spikes) => {
    const rows = 37;
    const F = 23;
    const { s, dz, gw, list } = setup(rows, F, N, spikes);
    const want = reference(s, dz, gw, rows, F, N);
    sparseOuterAdd(list, rows, dz, F, N, gw);
    expect(Array.from(gw)).toEqual(Array.from(want));
    expect(list.ptr[rows]).toBeGreaterThan(100); // enough inputs to cross every tile
  });
});
