/**
 * Event-driven spike delivery: for each spike of the presynaptic population,
 * walk its CSR row and add each weight into the target's ring-buffer slot
 * (tick + delay) mod slots. Work is spikes × fan-out. Returns the number of
 * synaptic events delivered.
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
  postN: number,
): number {
  const rowStart = proj.rowStart;
  const targets = proj.targets;
  const weights = proj.weights;
  let events = 0;
  if (proj.uniformDelay > 0) {
    const base = ((tick + proj.uniformDelay) & mask) * postN;
    for (let s = from; s < to; s++) {
      const pre = spikes[s]! - preOffset;
      const a = rowStart[pre]!;
      const b = rowStart[pre + 1]!;
      for (let k = a; k < b; k++) buffer[base + targets[k]!]! += weights[k]!;
      events += b - a;
    }
    return events;
  }
  const delays = proj.delays;
  for (let s = from; s < to; s++) {
    const pre = spikes[s]! - preOffset;
    const a = rowStart[pre]!;
    const b = rowStart[pre + 1]!;
    for (let k = a; k < b; k++) {
      buffer[((tick + delays[k]!) & mask) * postN + targets[k]!]! += weights[k]!;
    }
    events += b - a;
  }
  return events;
}
