import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assembleWat,
  generatedModule,
  generatedPath,
  watFiles,
} from '../../scripts/wasm-assemble.ts';
import { compileWasm, WasmHeap, wasmSimdSupported } from '../../src/core/wasm.ts';

const root = resolve(import.meta.dirname, '../..');

describe('WebAssembly kernels', () => {
  it('this runtime supports 128-bit SIMD (Node 20 does)', () => {
    expect(wasmSimdSupported()).toBe(true);
  });

  it('every generated module matches its .wat source (run `npm run wasm` if not)', async () => {
    for (const wat of watFiles(root)) {
      const bytes = await assembleWat(wat, readFileSync(resolve(root, wat), 'utf8'));
      const generated = readFileSync(resolve(root, generatedPath(wat)), 'utf8');
      expect(generated, `${generatedPath(wat)} is stale`).toBe(
        generatedModule(basename(wat), bytes),
      );
    }
  });

  it('assembles, ships and runs a SIMD kernel: f32x4 add of [1,2,3,4] to itself gives [2,4,6,8]', async () => {
    const bytes = await assembleWat(
      'double.wat',
      `(module (import "env" "memory" (memory 1))
         (func (export "double") (param $p i32)
           (v128.store (local.get $p) (f32x4.add (v128.load (local.get $p)) (v128.load (local.get $p))))))`,
    );
    const source = generatedModule('double.wat', bytes);
    const base64 = [...source.matchAll(/'([A-Za-z0-9+/=]+)'/g)].map((m) => m[1]).join('');
    const memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(compileWasm(base64, 'double'), { env: { memory } });
    const heap = new WasmHeap(memory);
    const at = heap.alloc(16);
    heap.f32(at, 4).set([1, 2, 3, 4]);
    (inst.exports['double'] as (p: number) => void)(at);
    expect(Array.from(heap.f32(at, 4))).toEqual([2, 4, 6, 8]);
  });

  it('the heap aligns to 16 bytes and grows the memory when needed', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new WasmHeap(memory, 3);
    expect(heap.alloc(5)).toBe(16);
    expect(heap.alloc(4, 4)).toBe(24);
    const big = heap.alloc(200_000);
    expect(big % 16).toBe(0);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 200_000);
    const m = heap.mark();
    heap.alloc(10);
    heap.release(m);
    expect(heap.alloc(1)).toBe(m % 16 === 0 ? m : m + 16 - (m % 16));
  });
});
