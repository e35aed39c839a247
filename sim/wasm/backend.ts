/**
 * The WebAssembly backend: the neuron updates of IF_curr_exp, IF_curr_delta
 * and IF_nonleaky as f32x4 SIMD loops (neurons.wat, specialised to each
 * population's layout), of deterministic TrueNorth neurons as i32x4 loops
 * (truenorth.ts), all spike delivery (deliver.wat) and the external
 * Poisson drive (drive.wat), over one WebAssembly memory per simulator that
 * holds the arena (every state array and ring buffer), the kernels'
 * constants and a copy of the connectivity (or the connectivity itself,
 * moved). Populations it has no kernel for (IF_cond_exp, per-neuron
 * parameters) run their TypeScript kernel on the same arrays: the
 * arithmetic is the same, so the spikes are too.
 *
 * The memory is sized once and never grown: growing would detach every
 * typed-array view of it held by the engine.
 */
import { SpikelabError } from '../../src/core/errors.ts';
import { formatBytes } from '../../src/core/memory.ts';
import { compileWasm, WasmHeap } from '../../src/core/wasm.ts';
import type { ArenaAllocator } from '../engine/arena.ts';
import {
  type Backend,
  type BoundDeliver,
  type BoundDrive,
  type BoundUpdate,
  bindKernel,
} from '../engine/backend.ts';
import type { NeuronRuntime } from '../engine/runtime.ts';
import type { Network, Projection } from '../network/network.ts';
import { wasmBase64 as deliverWasm } from './deliver.wasm.gen.ts';
import { bindWasmDrive, driveBytes } from './drive.ts';
import { wasmBase64 as driveWasm } from './drive.wasm.gen.ts';
import { neuronKernels } from './specialise.ts';
import {
  bindTrueNorth,
  packTrueNorthBlocks,
  TRUENORTH_MODEL,
  trueNorthConstBytes,
  trueNorthDeterministic,
} from './truenorth.ts';

const PAGE = 65536;
/** memory32: at most 65,536 pages of 64 KiB. */
const MAX_PAGES = 65536;
const CONST_BLOCK = 48;

type Fn = (...args: number[]) => number;

let deliverModule: WebAssembly.Module | null = null;
let driveModule: WebAssembly.Module | null = null;

/** Models with a SIMD kernel; the last of their constants is the refractory period in ticks (an i32). */
const SIMD_MODELS = new Set(['IF_curr_exp', 'IF_curr_delta', 'IF_nonleaky']);

interface CsrPointers {
  rowStart: number;
  targets: number;
  weights: number;
  delays: number;
}

/** truenorth_det addresses its arrays directly: the template's placeholders are not used. */
const UNUSED_LAYOUT = [0, 0, 0, 0, 0, 0];

const align16 = (n: number) => Math.ceil(n / 16) * 16;

/** Weights are read unless all synapses share one weight and one delay (deliver_uniform). */
const readsWeights = (p: Projection) => p.uniformWeight === null || p.uniformDelay === 0;

function projectionBytes(p: Projection): number {
  return (
    align16(p.rowStart.byteLength) +
    align16(p.targets.byteLength) +
    (readsWeights(p) ? align16(p.weights.byteLength) : 0) +
    (p.uniformDelay === 0 ? align16(p.delays.byteLength) : 0)
  );
}

export interface WasmBackendOptions {
  /** Replace the network's CSR arrays by views of the copies (hold them once). */
  move: boolean;
  /** Throw TOO_LARGE when the memory cannot be had, instead of returning null. */
  required: boolean;
  /** Memory budget (bytes) for the arena and, unless moved, the copy of the connectivity. */
  budgetBytes: number;
}

export class WasmBackend implements Backend {
  readonly name = 'wasm';
  readonly memory: WebAssembly.Memory;
  readonly allocate: ArenaAllocator;
  private readonly heap: WasmHeap;
  private readonly delivery: Record<string, Fn>;
  private readonly drive: Record<string, Fn>;
  private readonly csr = new Map<Projection, CsrPointers>();

  constructor(
    memory: WebAssembly.Memory,
    projections: readonly Projection[],
    arenaBytes: number,
    move: boolean,
  ) {
    this.memory = memory;
    this.heap = new WasmHeap(memory, 64);
    deliverModule ??= compileWasm(deliverWasm, 'delivery kernels');
    this.delivery = this.instance(deliverModule);
    driveModule ??= compileWasm(driveWasm, 'Poisson drive kernel');
    this.drive = this.instance(driveModule);
    for (const p of projections) this.csr.set(p, this.copyConnectivity(p, move));
    const reserved = Math.max(16, arenaBytes);
    const arena = this.heap.alloc(reserved);
    this.allocate = (bytes) => {
      if (bytes > reserved)
        throw new RangeError(`wasm backend: arena of ${bytes} bytes, ${reserved} reserved`);
      return { buffer: memory.buffer, byteOffset: arena };
    };
  }

  private copyConnectivity(p: Projection, move: boolean): CsrPointers {
    const heap = this.heap;
    const place = <T extends Uint32Array | Float32Array | Uint8Array | Uint16Array>(a: T): T => {
      const at = heap.alloc(a.byteLength);
      const ctor = a.constructor as new (b: ArrayBuffer, o: number, n: number) => T;
      const view = new ctor(this.memory.buffer, at, a.length);
      view.set(a as never);
      return view;
    };
    const rowStart = place(p.rowStart);
    const targets = place(p.targets);
    const weights = readsWeights(p) ? place(p.weights) : null;
    const delays = p.uniformDelay === 0 ? place(p.delays) : null;
    if (move) {
      p.rowStart = rowStart;
      p.targets = targets;
      if (weights) p.weights = weights;
      if (delays) p.delays = delays;
    }
    return {
      rowStart: rowStart.byteOffset,
      targets: targets.byteOffset,
      weights: weights?.byteOffset ?? 0,
      delays: delays?.byteOffset ?? 0,
    };
  }

  private instance(m: WebAssembly.Module): Record<string, Fn> {
    return new WebAssembly.Instance(m, { env: { memory: this.memory } }).exports as Record<
      string,
      Fn
    >;
  }

  private own(a: { buffer: ArrayBufferLike; byteOffset: number }): number {
    if (a.buffer !== this.memory.buffer)
      throw new Error('wasm backend: an array outside its memory');
    return a.byteOffset;
  }

  /** The model's constants as float32 (the refractory period as an i32) in a block of the memory. */
  private constants(c: Float64Array): number {
    const at = this.heap.alloc(CONST_BLOCK);
    const f32 = new Float32Array(this.memory.buffer, at, c.length);
    for (let k = 0; k < c.length - 1; k++) f32[k] = c[k]!;
    new Int32Array(this.memory.buffer, at, c.length)[c.length - 1] = c[c.length - 1]!;
    return at;
  }

  bindUpdate(r: NeuronRuntime, spikes: Uint32Array): BoundUpdate {
    const s = r.state;
    if (r.pop.model === TRUENORTH_MODEL && trueNorthDeterministic(r.consts, s.constStride, s.n)) {
      const bytes = trueNorthConstBytes(s.n, s.constStride);
      const at = this.heap.alloc(bytes);
      packTrueNorthBlocks(
        r.consts,
        s.constStride,
        s.n >> 2,
        new Int32Array(this.memory.buffer, at, bytes / 4),
      );
      const kernel = this.instance(neuronKernels(UNUSED_LAYOUT)).truenorth_det!;
      return bindTrueNorth(r, spikes, kernel, at, (a) => this.own(a));
    }
    if (!SIMD_MODELS.has(r.pop.model) || s.constStride !== 0) {
      return bindKernel(r, spikes, r.pop.neuron.update);
    }
    const n = s.n;
    const sp = this.own(spikes);
    const first = r.pop.offset;
    const c = this.constants(r.consts);
    const slotBytes = r.slotStride * 4;
    const inE = this.own(r.bufE);
    // every state array at a constant offset from the lowest (neurons.wat, specialise.ts)
    const arrays = [
      s.vars[0]!,
      s.vars[1] ?? s.vars[0]!,
      s.vars[2] ?? s.vars[0]!,
      s.refractory,
      s.iOffset,
    ];
    const at = arrays.map((a) => this.own(a));
    const base = Math.min(...at);
    const inhibitorySlot = this.own(r.bufI) - inE;
    const kernels = this.instance(neuronKernels([...at.map((x) => x - base), inhibitorySlot]));
    if (r.pop.model === 'IF_curr_exp' && r.direct) {
      const fn = kernels.if_curr_exp_direct!;
      return (_slot, count) => fn(base, n, sp, count, first, c, s.hasOffset ? 1 : 0);
    }
    if (r.pop.model === 'IF_curr_exp') {
      const fn = kernels.if_curr_exp!;
      return (slot, count) =>
        fn(base, inE + slot * slotBytes, n, sp, count, first, c, s.hasOffset ? 1 : 0);
    }
    const fn = (r.pop.model === 'IF_curr_delta' ? kernels.if_curr_delta : kernels.if_nonleaky)!;
    return (slot, count) => fn(base, inE + slot * slotBytes, n, sp, count, first, c);
  }

  bindDrive(r: NeuronRuntime): BoundDrive | null {
    return bindWasmDrive(r, this.heap, this.drive.drive!);
  }

  bindDeliver(
    proj: Projection,
    post: NeuronRuntime,
    preOffset: number,
    spikes: Uint32Array,
  ): BoundDeliver {
    const p = this.csr.get(proj)!;
    const sp = this.own(spikes);
    const target = post.inputTarget(proj.receptor);
    const buf = this.own(target.buffer);
    const { mask, stride: slotStride } = target;
    const d = proj.uniformDelay;
    if (d > 0) {
      // one slot per tick; the weight, or where the weights are
      const slotBytes = slotStride * 4;
      const w = proj.uniformWeight;
      const fn = (w !== null ? this.delivery.deliver_uniform : this.delivery.deliver_weights)!;
      const last = w ?? p.weights;
      return (from, to, tick) =>
        fn(
          p.rowStart,
          p.targets,
          sp,
          from,
          to,
          preOffset,
          buf + ((tick + d) & mask) * slotBytes,
          last,
        ) >>> 0;
    }
    const fn = this.delivery.deliver_delays!;
    const delayBytes = proj.delays.BYTES_PER_ELEMENT;
    return (from, to, tick) =>
      fn(
        p.rowStart,
        p.targets,
        p.weights,
        p.delays,
        delayBytes,
        sp,
        from,
        to,
        preOffset,
        buf,
        tick,
        mask,
        slotStride,
      ) >>> 0;
  }
}

/**
 * A WebAssembly backend for `net`, delivering through `projections` (its
 * projections, multi-channel ones with their input indices as targets), with
 * room for an arena of `arenaBytes`, or
 * null when its memory would pass the 4 GiB of a 32-bit WebAssembly memory
 * or cannot be had (TOO_LARGE instead when `required`).
 */
export function createWasmBackend(
  net: Network,
  projections: readonly Projection[],
  arenaBytes: number,
  opts: WasmBackendOptions,
): WasmBackend | null {
  let bytes = 64 + align16(Math.max(16, arenaBytes));
  for (const pop of net.populations) {
    bytes +=
      CONST_BLOCK +
      (pop.kind === 'neuron' ? align16(driveBytes(pop.poissonInput.length, pop.size)) : 0);
    if (pop.kind === 'neuron' && pop.model === TRUENORTH_MODEL)
      bytes += trueNorthConstBytes(pop.size, pop.constStride);
  }
  for (const p of projections) bytes += projectionBytes(p);
  // a copy of the connectivity adds to what the engine holds; a moved one does not
  const added = bytes - (opts.move ? net.connectivityBytes : 0);
  const pages = Math.ceil(bytes / PAGE);
  let memory: WebAssembly.Memory | null = null;
  if (pages <= MAX_PAGES && added <= opts.budgetBytes) {
    try {
      memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    } catch {
      memory = null;
    }
  }
  if (!memory) {
    if (!opts.required) return null;
    throw new SpikelabError(
      'TOO_LARGE',
      `backend wasm: needs a WebAssembly memory of ${formatBytes(bytes)}${opts.move ? '' : ' (the state and a copy of the connectivity)'}; allowed: at most 4 GiB, within the memory budget of ${formatBytes(opts.budgetBytes)}, that this runtime can allocate (or use backend js)`,
    );
  }
  return new WasmBackend(memory, projections, arenaBytes, opts.move);
}
