/**
 * Adam's update on the WebAssembly SIMD kernel (adam-simd.wat), bit-identical
 * to `adamUpdate`. The moments live in the module's memory for the
 * optimiser's lifetime (one memory per optimiser, sized once, never grown:
 * growing would detach the views); each step copies a parameter and its
 * gradient in and the parameter back. Faster than the scalar loop, copies
 * included (`npm run bench:kernels` times both on a 784-512-10 network).
 */
import { compileWasm, wasmSimdSupported } from '../../core/wasm.ts';
import { wasmBase64 } from './adam-simd.wasm.gen.ts';

type Kernel = (
  w: number,
  g: number,
  m: number,
  v: number,
  n: number,
  b1: number,
  b2: number,
  c1: number,
  c2: number,
  stepSize: number,
  invSqrtC2: number,
  eps: number,
  wd: number,
) => void;

let compiled: WebAssembly.Module | null = null;
const PAGE = 65536;
const up4 = (n: number) => Math.ceil(n / 4) * 4;

/** The moments of parameters of the given sizes, and the update of each. */
export class AdamSimd {
  /** First and second moments of parameter k (views of the module's memory). */
  readonly m: Float32Array[];
  readonly v: Float32Array[];
  private readonly kernel: Kernel;
  private readonly w: Float32Array;
  private readonly g: Float32Array;

  constructor(sizes: readonly number[]) {
    const largest = up4(Math.max(0, ...sizes));
    const floats = 2 * largest + 2 * sizes.reduce((a, s) => a + up4(s), 0);
    const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((4 * floats) / PAGE)) });
    compiled ??= compileWasm(wasmBase64, 'Adam update');
    this.kernel = new WebAssembly.Instance(compiled, { env: { memory } }).exports['adam'] as Kernel;
    let at = 0;
    const take = (n: number) => {
      const view = new Float32Array(memory.buffer, at, n);
      at += 4 * up4(n);
      return view;
    };
    this.w = take(largest);
    this.g = take(largest);
    this.m = sizes.map((s) => take(s));
    this.v = sizes.map((s) => take(s));
  }

  /** Updates w (a Float32Array of parameter k's size) from g and clears g, as adamUpdate does. */
  update(
    k: number,
    w: Float32Array,
    g: Float32Array,
    b1: number,
    b2: number,
    stepSize: number,
    invSqrtC2: number,
    eps: number,
    wd: number,
  ): void {
    const n = w.length;
    const n4 = up4(n);
    this.w.set(w);
    this.g.set(g);
    // the padding lanes compute 0 from 0 (their moments are their own and stay 0)
    this.w.fill(0, n, n4);
    this.g.fill(0, n, n4);
    const m = this.m[k]!;
    const v = this.v[k]!;
    this.kernel(
      this.w.byteOffset,
      this.g.byteOffset,
      m.byteOffset,
      v.byteOffset,
      n4,
      b1,
      b2,
      1 - b1,
      1 - b2,
      stepSize,
      invSqrtC2,
      eps,
      wd,
    );
    w.set(this.w.subarray(0, n));
    g.fill(0);
  }
}

/** True when this runtime runs the SIMD update (WebAssembly 128-bit SIMD). */
export function simdAdamAvailable(): boolean {
  return wasmSimdSupported();
}
