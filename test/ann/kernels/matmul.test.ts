/** The optimised matrix products against the naive reference loops (the oracle). */
import { describe, expect, it } from 'vitest';
import { gemm } from '../../../src/ann/kernels/gemm.ts';
import { gemmSimd, simdGemmAvailable } from '../../../src/ann/kernels/gemm-wasm.ts';
import { gemmTs } from '../../../src/ann/kernels/matmul.ts';
import { gemmReference } from '../../../src/ann/kernels/reference.ts';
import { Rng } from '../../../src/core/rng.ts';

function randArray(rng: Rng, n: number, sparsity = 0): Float32Array {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = rng.uniform() < sparsity ? 0 : rng.range(-1, 1);
  return a;
}

// Shapes around the 4-row blocking (remainders 0..3) and the sizes of the MNIST MLP.
const shapes: [number, number, number][] = [
  [1, 1, 1],
  [3, 5, 7],
  [4, 4, 4],
  [9, 6, 13],
  [64, 128, 784],
  [64, 10, 128],
  // more than one 64-row chunk of the SIMD kernel, with ragged edges
  [133, 20, 70],
  [70, 133, 9],
];

const kernels = { gemm, gemmTs, gemmSimd };

it('this runtime has the WebAssembly SIMD kernel (Node 20 does)', () => {
  expect(simdGemmAvailable()).toBe(true);
});

describe.each(Object.entries(kernels))('%s against gemmReference', (name, kernel) => {
  const rng = new Rng(7);
  for (const [m, n, k] of shapes) {
    for (const [transA, transB] of [
      [false, false],
      [false, true],
      [true, false],
      [true, true],
    ] as const) {
      if (name === 'gemmSimd' && transA && transB) continue;
      it(`${m}×${k}·${k}×${n} transA=${transA} transB=${transB}, with and without accumulation: max error ≤ 1e-5·k`, () => {
        const a = randArray(rng, m * k, 0.3);
        const b = randArray(rng, k * n);
        const init = randArray(rng, m * n);
        for (const accumulate of [false, true]) {
          const want = Float32Array.from(init);
          const got = Float32Array.from(init);
          gemmReference(m, n, k, a, transA, b, transB, want, accumulate);
          kernel(m, n, k, a, transA, b, transB, got, accumulate);
          let err = 0;
          for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(want[i]! - got[i]!));
          // float32 sums of k terms of size ≤ 1: rounding grows at most ~k·2^-24 per element
          expect(err).toBeLessThanOrEqual(1e-5 * k);
        }
      });
    }
  }
});
