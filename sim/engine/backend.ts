/**
 * How the tick loop runs each population's update and each projection's
 * delivery. A backend binds them once, when the simulator is built, into
 * closures over that population's or projection's arrays: the loop then
 * makes one call per population and per projection per tick, with no lookup.
 *
 * The TypeScript binding here calls the model's kernel and `deliver`; the
 * WebAssembly binding (sim/wasm/backend.ts) calls SIMD kernels on the same
 * arena, placed in its WebAssembly memory. Both give bit-identical spikes.
 */
import type { Projection } from '../network/network.ts';
import type { UpdateKernel } from '../neurons/types.ts';
import { deliver } from './deliver.ts';
import type { NeuronRuntime } from './runtime.ts';

/** Advances one population by one tick, reading ring-buffer slot `slot`; appends spikes from `count` on, returns the new count. */
export type BoundUpdate = (slot: number, count: number) => number;

/** Delivers spikes[from..to) of the projection's presynaptic population sent in `tick`; returns the synaptic events. */
export type BoundDeliver = (from: number, to: number, tick: number) => number;

/** Adds this tick's external Poisson input into ring-buffer slot `slot`; returns the number of kicks. */
export type BoundDrive = (slot: number) => number;

export type DeliverFn = typeof deliver;

/** The name a user picks: 'auto' is WebAssembly where the runtime supports SIMD, else TypeScript. */
export type BackendName = 'auto' | 'wasm' | 'js';
export const backendNames: readonly BackendName[] = ['auto', 'wasm', 'js'];

export interface Backend {
  readonly name: 'wasm' | 'js';
  /** The update of a neuron population (after the arena is claimed). */
  bindUpdate(r: NeuronRuntime, spikes: Uint32Array): BoundUpdate;
  /** The external Poisson drive of a population that has one (NeuronRuntime.drive when absent or null). */
  bindDrive?(r: NeuronRuntime): BoundDrive | null;
  /** The delivery of a projection into `post`'s ring buffer. */
  bindDeliver(
    proj: Projection,
    post: NeuronRuntime,
    preOffset: number,
    spikes: Uint32Array,
  ): BoundDeliver;
}

export function bindKernel(
  r: NeuronRuntime,
  spikes: Uint32Array,
  kernel: UpdateKernel,
): BoundUpdate {
  const { state, consts, slotsE, slotsI } = r;
  const offset = r.pop.offset;
  return (slot, count) =>
    kernel(state, consts, slotsE[slot]!, slotsI[slot]!, spikes, count, offset);
}

export function bindDeliverFn(
  fn: DeliverFn,
  proj: Projection,
  post: NeuronRuntime,
  preOffset: number,
  spikes: Uint32Array,
): BoundDeliver {
  const { buffer, mask, stride } = post.inputTarget(proj.receptor);
  return (from, to, tick) => fn(proj, spikes, from, to, preOffset, tick, buffer, mask, stride);
}

/** Each model's TypeScript kernel (`update`) and `deliver`. */
export const jsBackend: Backend = {
  name: 'js',
  bindUpdate: (r, spikes) => bindKernel(r, spikes, r.pop.neuron.update),
  bindDeliver: (proj, post, preOffset, spikes) =>
    bindDeliverFn(deliver, proj, post, preOffset, spikes),
};
