/**
 * Spikes into the next layer through a projection of one tick of delay, as
 * the engine delivers them: the current of row t·B + b is
 *
 *   z = fround(Σ_j s_{t−1, b, j} · W[j, :]  +  bias),   z at t = 0 is the bias alone,
 *
 * the weights of active inputs summed in input order into float32 (the
 * engine's ring-buffer slot), then the bias added as the engine adds its
 * iOffset. Binary spikes make the product a sum of rows of W over the active
 * inputs, which costs in proportion to the spikes rather than to F·N, and
 * so does ∂L/∂W; only ∂L/∂s is a dense product.
 * With delay 0 the same op is a first layer's product with its input values.
 */
import { apply, defineOp, type Var } from '../ann/graph.ts';
import { gemm } from '../ann/kernels/gemm.ts';
import { mismatch } from '../ann/ops/shape-check.ts';
import type { FloatArray } from '../ann/tensor.ts';
import {
  compactRows,
  lifKernelAvailable,
  SMALL_K,
  type SparseRows,
  sparseOuterAdd,
  sparseRowsTimes,
  spikeInputGrad,
} from './kernels/lif-wasm.ts';

interface SynapseAttrs {
  readonly ticks: number;
  readonly batch: number;
  /** False forces the TypeScript loops (the kernel's oracle). */
  readonly kernel: boolean;
  /** Ticks between input and current: 1 for spikes, 0 for a layer's static input current. */
  readonly delay: 0 | 1;
}

const useKernel = (a: SynapseAttrs, out: FloatArray) =>
  a.kernel && out instanceof Float32Array && lifKernelAvailable();

/** An Int32Array over a float32 buffer of the tape's arena. */
const ints = (f: FloatArray, n: number) => new Int32Array(f.buffer, f.byteOffset, n);

/** The kernel path keeps the non-zero inputs it found for the weight gradient (null: the loops ran). */
const synapseOp = defineOp<SynapseAttrs, SparseRows | null>({
  name: 'snn-synapses',
  shape([s, w, b], { ticks, batch }) {
    const rows = ticks * batch;
    if (s!.shape.length !== 2 || s!.shape[0] !== rows)
      throw mismatch('snn-synapses', `spikes [${s!.shape.join(', ')}]; allowed: [${rows}, F]`);
    if (w!.shape[0] !== s!.shape[1])
      throw mismatch('snn-synapses', `${s!.shape[1]} inputs; the weights expect ${w!.shape[0]}`);
    if (b!.data.length !== w!.shape[1])
      throw mismatch('snn-synapses', `bias has ${b!.data.length} values; allowed: ${w!.shape[1]}`);
    return [rows, w!.shape[1]!];
  },
  forward([s, w, b], out, a, alloc) {
    const { ticks: T, batch: B } = a;
    const lag = a.delay * B;
    const F = w!.shape[0]!;
    const N = w!.shape[1]!;
    const x = s!.data;
    const wd = w!.data;
    const bias = b!.data;
    out.fill(0, 0, lag * N);
    const kernel = useKernel(a, out) && x instanceof Float32Array && wd instanceof Float32Array;
    let sparse: SparseRows | null = null;
    const R = T * B - lag;
    if (kernel && R > 0) {
      // spikes listed by the neurons that emitted them, else the non-zero inputs found here
      if (s!.ones) sparse = { ptr: s!.ones.ptr, cols: s!.ones.cols, vals: null };
      else {
        const ptr = ints(alloc(R + 1), R + 1);
        const cols = ints(alloc(R * F), R * F);
        sparse = { ptr, cols, vals: alloc(R * F) as Float32Array };
        compactRows(x as Float32Array, R, F, sparse);
      }
      sparseRowsTimes(sparse, R, wd as Float32Array, F, N, (out as Float32Array).subarray(lag * N));
    }
    for (let r = lag; r < T * B && !kernel; r++) {
      const o = r * N;
      out.fill(0, o, o + N);
      const src = (r - lag) * F;
      for (let j = 0; j < F; j++) {
        const sj = x[src + j]!;
        if (sj === 0) continue;
        const wo = j * N;
        if (sj === 1) for (let n = 0; n < N; n++) out[o + n] = out[o + n]! + wd[wo + n]!;
        else for (let n = 0; n < N; n++) out[o + n] = out[o + n]! + sj * wd[wo + n]!;
      }
    }
    for (let r = 0; r < T * B; r++) {
      const o = r * N;
      for (let n = 0; n < N; n++) out[o + n] = out[o + n]! + bias[n]!;
    }
    return sparse;
  },
  backward({ inputs: [s, w], attrs, saved }, dz, [gs, gw, gb], zeroed) {
    const { ticks: T, batch: B } = attrs;
    const lag = attrs.delay * B;
    const F = w!.shape[0]!;
    const N = w!.shape[1]!;
    const x = s!.data;
    if (gb) {
      for (let r = 0; r < T * B; r++) {
        const o = r * N;
        for (let n = 0; n < N; n++) gb[n] = gb[n]! + dz[o + n]!;
      }
    }
    if (gw && saved && dz instanceof Float32Array) {
      sparseOuterAdd(saved, T * B - lag, dz.subarray(lag * N), F, N, gw as Float32Array);
    } else if (gw) {
      for (let r = lag; r < T * B; r++) {
        const o = r * N;
        const src = (r - lag) * F;
        for (let j = 0; j < F; j++) {
          const sj = x[src + j]!;
          if (sj === 0) continue;
          const wo = j * N;
          for (let n = 0; n < N; n++) gw[wo + n] = gw[wo + n]! + sj * dz[o + n]!;
        }
      }
    }
    // the last tick's spikes reach no one within the run
    if (
      gs &&
      T * B > lag &&
      N <= SMALL_K &&
      useKernel(attrs, gs) &&
      dz instanceof Float32Array &&
      w!.data instanceof Float32Array
    )
      spikeInputGrad(
        dz.subarray(lag * N),
        w!.data,
        T * B - lag,
        F,
        N,
        gs as Float32Array,
        !zeroed[0],
      );
    else if (gs && T * B > lag)
      gemm(T * B - lag, F, N, dz.subarray(lag * N), false, w!.data, true, gs, true);
  },
});

/** Currents [T·B, N] from spikes [T·B, F] through weights [F, N] and a bias, one tick late. */
export function synapses(
  spikes: Var,
  w: Var,
  b: Var,
  ticks: number,
  batch: number,
  kernel = true,
): Var {
  return apply(synapseOp, [spikes, w, b], { ticks, batch, kernel, delay: 1 });
}

/**
 * x·W + b for x [B, F] summed like the synapses, over the non-zero inputs
 * in input order: a first layer's constant current, which skips the zeros
 * of an image (four in five pixels of MNIST) and which the engine receives
 * as iOffset bit for bit.
 */
export function sparseDense(x: Var, w: Var, b: Var, kernel = true): Var {
  return apply(synapseOp, [x, w, b], { ticks: 1, batch: x.shape[0]!, kernel, delay: 0 });
}
