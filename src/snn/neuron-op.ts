/**
 * A layer of discrete leaky neurons unrolled over T ticks as one graph op,
 * with backpropagation through time as its backward rule.
 *
 * The forward pass is the engine's `LIF` / `CubaLIF` / `LI` update
 * (sim/neurons/discrete-lif.ts) operation for operation, each rounded to
 * float32 in the engine's order, with vLeak = 0, gain = 1, vReset = 0:
 *
 *   x = in_t (+ s_{t−1}·V when recurrent)
 *   i ← fround(fround(α·i) + x), x = i                  (CubaLIF only)
 *   u = fround(fround(β·v) + x)                         (membrane before reset)
 *   s = H(u − θ), strictly above θ
 *   v ← s ? (subtract ? fround(u − θ) : 0) : u          (reset within the tick)
 *
 * Backward: ∂s/∂u is the surrogate; the reset term is detached, as in
 * snnTorch (∂v/∂u = 1 by subtraction, 1 − s to zero), so the gradient flows
 * through the leak and the spike only. In `smooth` mode (gradient tests) the
 * emitted spike is the surrogate's antiderivative while the reset keeps the
 * hard step: finite differences of that network equal this backward pass.
 *
 * Rows are time-major: row t·B + b is sample b at tick t. A `static` input
 * [B, N] is the same current at every tick (a constant iOffset in the
 * engine); its gradient is the sum over ticks, so a dense layer before it
 * runs once per sample instead of once per tick.
 */
import { apply, defineOp, type Var, writeDeferredGrad } from '../ann/graph.ts';
import { gemm } from '../ann/kernels/gemm.ts';
import { mismatch } from '../ann/ops/shape-check.ts';
import type { FloatArray, OnesIndex } from '../ann/tensor.ts';
import {
  canListSpikes,
  type KernelDynamics,
  lifBackward,
  lifForward,
  lifKernelAvailable,
} from './kernels/lif-wasm.ts';
import { type Surrogate, surrogateGrad, surrogateSmooth } from './surrogate.ts';

export interface NeuronDynamics {
  /** Membrane decay per tick. */
  readonly beta: number;
  /** Synaptic current decay per tick (CubaLIF); null for LIF and LI. */
  readonly alpha: number | null;
  /** False for the leaky-integrator readout (no threshold, no spikes). */
  readonly spiking: boolean;
  readonly threshold: number;
  /** Reset by subtracting θ (true) or to zero (false). */
  readonly subtract: boolean;
  readonly surrogate: Surrogate;
}

export interface NeuronAttrs extends NeuronDynamics {
  readonly ticks: number;
  readonly batch: number;
  /** The input is [batch, N], the same current in every tick. */
  readonly static: boolean;
  /** What the op returns per tick: spikes, or the membrane after reset. */
  readonly emit: 'spikes' | 'membrane';
  readonly smooth: boolean;
  /** Filled by the forward pass: the hard spikes (0/1) per row, for rasters, and their number. */
  readonly record: { spikes: FloatArray | null; count?: number };
  /**
   * False: the spikes are only read as the list the kernel makes (by the synapses downstream), so
   * no 0/1 raster is written: the output holds NaN where the kernel lists (record.spikes null).
   */
  readonly raster?: boolean;
  /** False forces the TypeScript loops (the kernel's oracle); default: the SIMD kernel where it applies. */
  readonly kernel?: boolean;
}

/** The SIMD kernel runs float32, non-recurrent, hard-spike layers. */
function kernelApplies(a: NeuronAttrs, out: FloatArray, recurrent: boolean): boolean {
  return (
    a.kernel !== false &&
    out instanceof Float32Array &&
    !recurrent &&
    !a.smooth &&
    lifKernelAvailable()
  );
}

function kernelDynamics(a: NeuronAttrs): KernelDynamics {
  return {
    beta: a.beta,
    alpha: a.alpha ?? 0,
    theta: a.threshold,
    cuba: a.alpha !== null,
    subtract: a.subtract,
    spiking: a.spiking,
    emitSpikes: a.emit === 'spikes',
    surrogate: a.surrogate.name === 'atan' ? 1 : 0,
    scale: a.surrogate.scale,
  };
}

interface Saved {
  /** Membrane before reset, per row and neuron; null when the kernel recomputes it in the backward pass. */
  readonly u: FloatArray | null;
  /** Hard spikes (0/1). */
  readonly hard: FloatArray;
  /** The spike values other neurons see (hard, or smooth in smooth mode). */
  readonly spk: FloatArray;
  /** The spikes of each row listed (the kernel's spike output), for the synapses downstream. */
  readonly ones?: OnesIndex;
}

/** An Int32Array over a float32 buffer of the tape's arena. */
const ints = (f: FloatArray, n: number) => new Int32Array(f.buffer, f.byteOffset, n);

const fr = Math.fround;

const neuronOp = defineOp<NeuronAttrs, Saved>({
  name: 'snn-neurons',
  shape([x, v], a) {
    const n = x!.shape[1]!;
    const rows = a.static ? a.batch : a.ticks * a.batch;
    if (x!.shape.length !== 2 || x!.shape[0] !== rows)
      throw mismatch('snn-neurons', `input [${x!.shape.join(', ')}]; allowed: [${rows}, N]`);
    if (v && (v.shape[0] !== n || v.shape[1] !== n))
      throw mismatch(
        'snn-neurons',
        `recurrent weights [${v.shape.join(', ')}]; allowed: [${n}, ${n}]`,
      );
    return [a.ticks * a.batch, n];
  },
  forward([x, rw], out, a, alloc) {
    const { ticks: T, batch: B } = a;
    const N = x!.shape[1]!;
    const BN = B * N;
    const r32 = out instanceof Float32Array;
    const inp = x!.data;
    if (kernelApplies(a, out, rw !== undefined)) {
      // a layer that emits its spikes lists them, and its backward pass recomputes u from the
      // input (the memory traffic of keeping it costs more than the arithmetic)
      const list = a.spiking && a.emit === 'spikes' && canListSpikes(BN, N);
      const ones = list
        ? { N, ptr: ints(alloc(T * B + 1), T * B + 1), cols: ints(alloc(T * BN), T * BN) }
        : null;
      const u = list ? null : alloc(T * BN);
      let count = lifForward(
        inp as Float32Array,
        a.static,
        T,
        BN,
        kernelDynamics(a),
        u as Float32Array | null,
        out as Float32Array,
        ones,
        a.raster !== false,
      );
      let hard = out;
      if (u !== null && (a.emit !== 'spikes' || !a.spiking)) {
        hard = alloc(T * BN);
        const theta = fr(a.threshold);
        count = 0;
        for (let k = 0; k < T * BN; k++) {
          const h = a.spiking && u[k]! > theta ? 1 : 0;
          hard[k] = h;
          count += h;
        }
      }
      a.record.spikes = a.spiking && (ones === null || a.raster !== false) ? hard : null;
      a.record.count = a.spiking ? count : 0;
      return ones ? { u, hard, spk: hard, ones } : { u, hard, spk: hard };
    }
    const u = alloc(T * BN);
    const hard = alloc(T * BN);
    const spk = a.smooth ? alloc(T * BN) : hard;
    const v = alloc(BN).fill(0);
    const syn = alloc(a.alpha === null ? 0 : BN).fill(0);
    const rec = rw ? alloc(BN) : null;
    const beta = r32 ? fr(a.beta) : a.beta;
    const alpha = a.alpha === null ? 0 : r32 ? fr(a.alpha) : a.alpha;
    const cuba = a.alpha !== null;
    const theta = r32 ? fr(a.threshold) : a.threshold;
    const { spiking, subtract, smooth } = a;
    const emitSpikes = a.emit === 'spikes';
    let count = 0;
    for (let t = 0; t < T; t++) {
      const o = t * BN;
      if (rec) {
        if (t === 0) rec.fill(0);
        else gemm(B, N, N, spk.subarray(o - BN, o), false, rw!.data, false, rec, false);
      }
      const io = a.static ? 0 : o;
      for (let k = 0; k < BN; k++) {
        let xi = inp[io + k]!;
        if (rec) xi = r32 ? fr(xi + rec[k]!) : xi + rec[k]!;
        if (cuba) {
          xi = r32 ? fr(fr(alpha * syn[k]!) + xi) : alpha * syn[k]! + xi;
          syn[k] = xi;
        }
        const uk = r32 ? fr(fr(beta * v[k]!) + xi) : beta * v[k]! + xi;
        u[o + k] = uk;
        let vk = uk;
        let h = 0;
        if (spiking && uk > theta) {
          h = 1;
          vk = subtract ? (r32 ? fr(uk - theta) : uk - theta) : 0;
        }
        hard[o + k] = h;
        count += h;
        if (smooth) spk[o + k] = surrogateSmooth(a.surrogate, uk - theta);
        v[k] = vk;
        out[o + k] = emitSpikes ? spk[o + k]! : vk;
      }
    }
    a.record.spikes = spiking ? hard : null;
    a.record.count = count;
    return { u, hard, spk };
  },
  ones: (saved) => saved.ones ?? null,
  takesDeferredGrad: true,
  backward({ inputs: [x, rw], attrs: a, saved, alloc }, dy, [gx, grw]) {
    const { ticks: T, batch: B } = a;
    const N = x!.shape[1]!;
    const BN = B * N;
    const { u, hard, spk } = saved;
    if (kernelApplies(a, dy, rw !== undefined)) {
      if (gx)
        lifBackward(
          dy as Float32Array,
          u as Float32Array | null,
          gx as Float32Array,
          a.static,
          T,
          BN,
          kernelDynamics(a),
          x!.data as Float32Array,
        );
      return;
    }
    writeDeferredGrad(); // the loops read dy from its array
    const gv = alloc(BN).fill(0);
    const gi = alloc(BN).fill(0);
    const dx = alloc(BN);
    const grec = rw ? alloc(BN).fill(0) : null;
    const cuba = a.alpha !== null;
    const alpha = a.alpha ?? 0;
    const { beta, threshold: theta, spiking, subtract, surrogate } = a;
    const emitSpikes = a.emit === 'spikes';
    if (u === null) throw new Error('snn-neurons: no membrane kept for the loops'); // only the kernel drops it
    for (let t = T - 1; t >= 0; t--) {
      const o = t * BN;
      for (let k = 0; k < BN; k++) {
        let gs = emitSpikes ? dy[o + k]! : 0;
        if (grec) gs += grec[k]!;
        const gvt = emitSpikes ? gv[k]! : gv[k]! + dy[o + k]!;
        let du = spiking && !subtract && hard[o + k] === 1 ? 0 : gvt;
        if (spiking) du += gs * surrogateGrad(surrogate, u[o + k]! - theta);
        let d = du;
        if (cuba) {
          d = du + gi[k]!;
          gi[k] = alpha * d;
        }
        gv[k] = beta * du;
        dx[k] = d;
      }
      if (gx) {
        const io = a.static ? 0 : o;
        for (let k = 0; k < BN; k++) gx[io + k] = gx[io + k]! + dx[k]!;
      }
      if (rw && t > 0) {
        const prev = spk.subarray(o - BN, o);
        if (grw) gemm(N, N, B, prev, true, dx, false, grw, true);
        gemm(B, N, N, dx, false, rw.data, true, grec!, false);
      }
    }
  },
});

/** Runs a layer of neurons over `ticks` ticks; `recurrent` [N, N] acts on the previous tick's spikes. */
export function neurons(input: Var, recurrent: Var | null, attrs: NeuronAttrs): Var {
  return apply(neuronOp, recurrent ? [input, recurrent] : [input], attrs);
}
