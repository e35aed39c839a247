/**
 * Adam on the WebAssembly SIMD kernel against its oracle, adamUpdate: both
 * compute in double precision in the same order and round to float32 the
 * same way, so parameters and both moments must agree bit for bit over many
 * steps — with weight decay, gradients spanning 12 orders of magnitude, and
 * sizes that are not multiples of the kernel's 4 lanes (0, 1, 3, 401).
 */
import { describe, expect, it } from 'vitest';
import { AdamSimd } from '../../../src/ann/kernels/adam-wasm.ts';
import { adamUpdate } from '../../../src/ann/kernels/optim.ts';
import { Rng } from '../../../src/core/rng.ts';

describe('AdamSimd (WebAssembly f64x2) against adamUpdate', () => {
  it('same parameters, moments and cleared gradients after 60 steps, sizes 0, 1, 3, 401', () => {
    const sizes = [0, 1, 3, 401];
    const rng = new Rng(7);
    const draw = (n: number) =>
      Float32Array.from({ length: n }, () => rng.normal() * 10 ** (rng.int(13) - 8));
    const w = sizes.map(draw);
    const wSimd = w.map((a) => a.slice());
    const start = w.map((a) => a.slice());
    const m = sizes.map((n) => new Float32Array(n));
    const v = sizes.map((n) => new Float32Array(n));
    const simd = new AdamSimd(sizes);
    const [b1, b2, eps, wd] = [0.9, 0.999, 1e-8, 3e-4];
    for (let t = 1; t <= 60; t++) {
      const stepSize = 1e-3 / (1 - b1 ** t);
      const invSqrtC2 = 1 / Math.sqrt(1 - b2 ** t);
      sizes.forEach((n, k) => {
        const g = draw(n);
        const gSimd = g.slice();
        adamUpdate(w[k]!, g, m[k]!, v[k]!, b1, b2, stepSize, invSqrtC2, eps, wd);
        simd.update(k, wSimd[k]!, gSimd, b1, b2, stepSize, invSqrtC2, eps, wd);
        expect(gSimd.every((x) => x === 0)).toBe(true);
      });
    }
    sizes.forEach((_, k) => {
      expect(Array.from(wSimd[k]!), `parameters ${k}`).toEqual(Array.from(w[k]!));
      expect(Array.from(simd.m[k]!), `first moment ${k}`).toEqual(Array.from(m[k]!));
      expect(Array.from(simd.v[k]!), `second moment ${k}`).toEqual(Array.from(v[k]!));
    });
    // the parameters did move: the test compares updates, not two copies of the start
    expect(wSimd[3]!.filter((x, i) => x !== start[3]![i]).length).toBeGreaterThan(300);
  });
});
