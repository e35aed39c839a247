/**
 * The WebAssembly Poisson drive against PoissonSampler.sample and Rng: for
 * each mean the same counts (so the same slot values and the same number of
 * kicks) and the generator left in the same state, from 5,000 draws on top
 * of slot values that are not zero. The counts' mean must be λ (within 4
 * standard errors), so a kernel drawing the same wrong numbers as a broken
 * sampler would still fail.
 */
import { describe, expect, it } from 'vitest';
import { wasmBase64 } from '../../../sim/wasm/drive.wasm.gen.ts';
import { PoissonSampler } from '../../../src/core/distributions.ts';
import { Rng } from '../../../src/core/rng.ts';
import { compileWasm, WasmHeap } from '../../../src/core/wasm.ts';

const memory = new WebAssembly.Memory({ initial: 2 });
const drive = new WebAssembly.Instance(compileWasm(wasmBase64, 'drive'), { env: { memory } })
  .exports.drive as (...a: number[]) => number;

describe('WebAssembly Poisson drive', () => {
  for (const lambda of [0.05, 2, 7.5]) {
    it(`λ = ${lambda}: the counts, slot values and generator state of PoissonSampler.sample`, () => {
      const n = 5000;
      const w = 0.1;
      const sampler = new PoissonSampler(lambda);
      const { thresholds, guide } = sampler.inversionTables()!;
      const heap = new WasmHeap(memory, 64);
      const rngAt = heap.alloc(16);
      const thrAt = heap.alloc(thresholds.length * 8);
      new BigUint64Array(memory.buffer, thrAt, thresholds.length).set(
        Array.from(thresholds, (x) => BigInt(x)),
      );
      const guideAt = heap.alloc(guide.length * 4);
      heap.i32(guideAt, guide.length).set(guide);
      const slotAt = heap.alloc(n * 4);
      const slot = heap.f32(slotAt, n);
      for (let i = 0; i < n; i++) slot[i] = (i % 7) * 0.013;
      const expected = Float32Array.from(slot);

      const rng = new Rng(42).derive('drive');
      heap.i32(rngAt, 4).set(rng.getState());
      const kicks = drive(rngAt, thrAt, guideAt, slotAt, n, w);

      let jsKicks = 0;
      for (let i = 0; i < n; i++) {
        const c = sampler.sample(rng);
        expected[i]! += c * w;
        jsKicks += c;
      }
      expect(kicks).toBe(jsKicks);
      expect(Array.from(slot)).toEqual(Array.from(expected));
      expect(Array.from(heap.u32(rngAt, 4))).toEqual(rng.getState());
      expect(Math.abs(kicks / n - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n));
    });
  }

  it('means of 12 and above have no inversion tables (their PTRS sampling stays in TypeScript)', () => {
    expect(new PoissonSampler(12).inversionTables()).toBeNull();
    expect(new PoissonSampler(11.9).inversionTables()).not.toBeNull();
  });
});
