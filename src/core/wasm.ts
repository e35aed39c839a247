/**
 * Loading WebAssembly kernels in Node and in the browser worker alike. Kernels
 * are written as WebAssembly text (`*.wat`, the source of truth), assembled by
 * `npm run wasm` into a generated module holding the bytes as base64 (so no
 * fetch, no file path, no build step at run time), and compiled synchronously
 * here — allowed in Node and in workers, where the kernels run.
 */

import { SpikelabError } from './errors.ts';

export function decodeBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Compiles a module given as base64 (a generated module's bytes) or as bytes. */
export function compileWasm(source: string | Uint8Array, what: string): WebAssembly.Module {
  const bytes = typeof source === 'string' ? decodeBase64(source) : source;
  try {
    return new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  } catch (e) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${what}: this runtime cannot compile the WebAssembly kernel (${String(e)}); a WebAssembly SIMD capable runtime (Node ≥ 16.4, current browsers) is required`,
    );
  }
}

/** The smallest module with one SIMD instruction: validates only where 128-bit SIMD is supported. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

export function wasmSimdSupported(): boolean {
  return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
}

const PAGE = 65536;

/**
 * A bump allocator over one WebAssembly.Memory: kernels and their typed-array
 * views share this memory, so JavaScript can fill inputs and read outputs
 * without copies. Growing the memory detaches every view made before it, so
 * allocate everything first, then take views with `f32`, `i32`, `u32`, `u8`.
 */
export class WasmHeap {
  readonly memory: WebAssembly.Memory;
  private top: number;

  /** @param reserved bytes at the start of memory kept for the kernel's own use */
  constructor(memory: WebAssembly.Memory, reserved = 0) {
    this.memory = memory;
    this.top = align(reserved, 16);
  }

  /** Reserves `bytes` (aligned to `alignment`, default 16 for v128 loads); returns the byte offset. */
  alloc(bytes: number, alignment = 16): number {
    const start = align(this.top, alignment);
    const end = start + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE);
      try {
        this.memory.grow(pages);
      } catch {
        throw new SpikelabError(
          'TOO_LARGE',
          `WebAssembly memory: needs ${end} bytes; allowed: at most 4 GiB per module memory`,
        );
      }
    }
    this.top = end;
    return start;
  }

  /** Releases everything allocated after `mark` (a value returned by `mark()`). */
  release(mark: number): void {
    this.top = mark;
  }

  mark(): number {
    return this.top;
  }

  f32(offset: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, offset, length);
  }

  f64(offset: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, offset, length);
  }

  i32(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }

  u32(offset: number, length: number): Uint32Array {
    return new Uint32Array(this.memory.buffer, offset, length);
  }

  u8(offset: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, offset, length);
  }
}

function align(n: number, a: number): number {
  return Math.ceil(n / a) * a;
}
