/**
 * The WebAssembly update of a deterministic TrueNorth population
 * (`truenorth_det` in neurons.wat): its constants repacked as i32 vectors,
 * 4 neurons per 144-byte block (weights neuron-major, then leak, α, −β, R
 * and the mode flags over the 4 neurons), the neurons beyond the last whole
 * group of 4 run through the TypeScript kernel after it, so spikes stay in
 * index order. A population with any stochastic neuron keeps the
 * TypeScript kernel (its draws follow one stream in neuron order).
 */
import type { NeuronRuntime } from '../engine/runtime.ts';
import { TRUENORTH_CONST_INDEX as K, stepTrueNorth } from '../neurons/truenorth/dynamics.ts';
import { RESET_SUBTRACT, RESET_TO_VALUE } from '../neurons/truenorth/params.ts';

export const TRUENORTH_MODEL = 'TrueNorth';
const BLOCK_BYTES = 144;
const BLOCK_INTS = BLOCK_BYTES / 4;
const FLAG_TO_VALUE = 1;
const FLAG_SUBTRACT = 2;
const FLAG_SATURATE = 4;
const FLAG_REVERSAL = 8;

type Kernel = (
  v: number,
  input: number,
  c: number,
  cStep: number,
  groups: number,
  drive: number,
  withDrive: number,
  spikes: number,
  count: number,
  firstId: number,
) => number;

/** True when no neuron of the population draws random numbers. */
export function trueNorthDeterministic(consts: Float64Array, stride: number, n: number): boolean {
  if (stride === 0) return consts[K.deterministic] === 1;
  for (let j = 0; j < n; j++) if (consts[j * stride + K.deterministic] !== 1) return false;
  return true;
}

/** Bytes of the repacked constants of a population of n neurons (one block when they are shared). */
export function trueNorthConstBytes(n: number, stride: number): number {
  return stride === 0 ? BLOCK_BYTES : Math.max(1, n >> 2) * BLOCK_BYTES;
}

/** Writes the constants of neurons 0 … 4·groups − 1 (or the shared set) as the kernel's blocks. */
export function packTrueNorthBlocks(
  consts: Float64Array,
  stride: number,
  groups: number,
  out: Int32Array,
): void {
  const blocks = stride === 0 ? 1 : groups;
  for (let g = 0; g < blocks; g++) {
    const o = g * BLOCK_INTS;
    for (let k = 0; k < 4; k++) {
      const b = (4 * g + k) * stride;
      for (let t = 0; t < 4; t++) out[o + 4 * k + t] = consts[b + K.weight + t]!;
      const mode = consts[b + K.resetMode]!;
      out[o + 16 + k] = consts[b + K.leak]!;
      out[o + 20 + k] = consts[b + K.threshold]!;
      out[o + 24 + k] = -consts[b + K.negThreshold]!;
      out[o + 28 + k] = consts[b + K.resetValue]!;
      out[o + 32 + k] =
        (mode === RESET_TO_VALUE ? FLAG_TO_VALUE : 0) |
        (mode === RESET_SUBTRACT ? FLAG_SUBTRACT : 0) |
        (consts[b + K.negativeSaturate] === 1 ? FLAG_SATURATE : 0) |
        (consts[b + K.leakReversal] !== 0 ? FLAG_REVERSAL : 0);
    }
  }
}

/**
 * The tick of runtime `r` through `kernel`, whose constants are at byte
 * `blocks` of the memory that also holds r's arena and `spikes` (`own`
 * gives a view's byte offset there).
 */
export function bindTrueNorth(
  r: NeuronRuntime,
  spikes: Uint32Array,
  kernel: Kernel,
  blocks: number,
  own: (a: { buffer: ArrayBufferLike; byteOffset: number }) => number,
): (slot: number, count: number) => number {
  const s = r.state;
  const n = s.n;
  const stride = s.constStride;
  const groups = n >> 2;
  const whole = 4 * groups;
  const first = r.pop.offset;
  const v = s.vars[0] as Int32Array;
  const vAt = own(v);
  const sp = own(spikes);
  const driveAt = own(s.iOffset);
  const slots = r.slotsE.map((slot) => own(slot));
  // the last 1–3 neurons: views of their part of every array
  const tail = n - whole;
  const tailV = v.subarray(whole);
  const tailC = stride === 0 ? r.consts : r.consts.subarray(whole * stride);
  const tailIn = r.slotsE.map((slot) => slot.subarray(4 * whole, 4 * n));
  const tailDrive = s.iOffset.subarray(whole);
  const cStep = stride === 0 ? 0 : BLOCK_BYTES;
  return (slot, count) => {
    const withDrive = s.hasOffset ? 1 : 0;
    let k = kernel(vAt, slots[slot]!, blocks, cStep, groups, driveAt, withDrive, sp, count, first);
    if (tail > 0) {
      const input = tailIn[slot]!;
      k = stepTrueNorth(
        tailV,
        tailC,
        stride,
        tail,
        input,
        s.rng!,
        spikes,
        k,
        first + whole,
        withDrive ? tailDrive : null,
      );
      input.fill(0);
    }
    return k;
  };
}
