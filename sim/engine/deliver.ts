/**
 * Event-driven spike delivery: for each spike of the presynaptic population,
 * walk its CSR row and add each weight into the target's ring-buffer slot
 * (tick + delay) mod slots, slot s of target i at buffer[s·stride + i]. Work
 * is spikes × fan-out. Returns the number of synaptic events delivered.
 *
 * Projections whose synapses share one delay (and one weight) take loops
 * without the per-synapse loads, fewer nanoseconds per event (`npm run
 * bench:kernels` times each loop on Brunel's projection). All paths add the
 * same float32 values in the same order, so they give bit-identical results.
 */
import type { Projection } from '../network/network.ts';

export function deliver(
  proj: Projection,
  spikes: Uint32Array,
  from: number,
  to: number,
  preOffset: number,
  tick: number,
  buffer: Float32Array,
  mask: number,
  stride: number,
): number {
  const rowStart = proj.rowStart;
  const targets = proj.targets;
  let events = 0;
  if (proj.uniformDelay > 0) {
    const base = ((tick + proj.uniformDelay) & mask) * stride;
    if (proj.uniformWeight !== null) {
      const w = proj.uniformWeight;
      for (let s = from; s < to; s++) {
        const pre = spikes[s]! - preOffset;
        const a = rowStart[pre]!;
        const b = rowStart[pre + 1]!;
        for (let k = a; k < b; k++) buffer[base + targets[k]!]! += w;
        events += b - a;
      }
      return events;
    }
    const weights = proj.weights;
    for (let s = from; s < to; s++) {
      const pre = spikes[s]! - preOffset;
      const a = rowStart[pre]!;
      const b = rowStart[pre + 1]!;
      for (let k = a; k < b; k++) buffer[base + targets[k]!]! += weights[k]!;
      events += b - a;
    }
    return events;
  }
  const weights = proj.weights;
  const delays = proj.delays;
  for (let s = from; s < to; s++) {
    const pre = spikes[s]! - preOffset;
    const a = rowStart[pre]!;
    const b = rowStart[pre + 1]!;
    for (let k = a; k < b; k++) {
      buffer[((tick + delays[k]!) & mask) * stride + targets[k]!]! += weights[k]!;
    }
    events += b - a;
  }
  return events;
}
