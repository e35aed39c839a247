/**
 * The external Poisson drive of a population in WebAssembly (drive.wat): the
 * same generator steps and inversion tables as NeuronRuntime.drive, so the
 * same counts. The generators' states (one per DRIVE_BLOCK neurons) are copied into the memory whenever
 * the runtime holds a new generator (at every reset) and advanced there from
 * then on; nothing else draws from that generator.
 */
import type { Rng } from '../../src/core/rng.ts';
import type { WasmHeap } from '../../src/core/wasm.ts';
import type { BoundDrive } from '../engine/backend.ts';
import { DRIVE_BLOCK, type NeuronRuntime } from '../engine/runtime.ts';

/** Entries of a sampler's CDF table at most (PoissonSampler stops at 200, plus the 2^32 sentinel). */
const MAX_THRESHOLDS = 202;
const GUIDE = 256;

/** Bytes the drive of a population with `inputs` Poisson inputs may take. */
export function driveBytes(inputs: number, neurons: number): number {
  if (inputs === 0) return 0;
  return 16 * Math.ceil(neurons / DRIVE_BLOCK) + inputs * (MAX_THRESHOLDS * 8 + GUIDE * 4 + 32);
}

type DriveFn = (
  rng: number,
  thresholds: number,
  guide: number,
  slot: number,
  n: number,
  w: number,
) => number;

/** The bound drive of `r`, or null when a sampler has no inversion tables (λ ≥ 12: its PTRS rejection stays in TypeScript). */
export function bindWasmDrive(r: NeuronRuntime, heap: WasmHeap, drive: DriveFn): BoundDrive | null {
  const tables = r.samplers.map((s) => s.inversionTables());
  if (tables.some((t) => t === null)) return null;
  const n = r.pop.size;
  const blocks = Math.ceil(n / DRIVE_BLOCK);
  // each block's generator: four state words, 16 bytes apart
  const rngAt = heap.alloc(16 * blocks);
  const words = heap.i32(rngAt, 4 * blocks);
  const inputs = r.pop.poissonInput.map((input, d) => {
    const { thresholds, guide } = tables[d]!;
    const thrAt = heap.alloc(thresholds.length * 8);
    new BigUint64Array(heap.memory.buffer, thrAt, thresholds.length).set(
      Array.from(thresholds, (x) => BigInt(x)),
    );
    const guideAt = heap.alloc(guide.length * 4);
    heap.i32(guideAt, guide.length).set(guide);
    const buf = input.receptor === 'inhibitory' ? r.bufI : r.bufE;
    return { thrAt, guideAt, buf: buf.byteOffset, w: input.weight };
  });
  const slotBytes = r.slotStride * 4;
  let owner: Rng[] | null = null;
  return (slot) => {
    if (r.driveRngs !== owner) {
      owner = r.driveRngs;
      owner.forEach((g, b) => {
        words.set(g.getState(), 4 * b);
      });
    }
    let kicks = 0;
    for (let d = 0; d < inputs.length; d++) {
      const x = inputs[d]!;
      const at = x.buf + slot * slotBytes;
      for (let b = 0; b < blocks; b++) {
        const len = Math.min(DRIVE_BLOCK, n - b * DRIVE_BLOCK);
        kicks += drive(rngAt + 16 * b, x.thrAt, x.guideAt, at + 4 * b * DRIVE_BLOCK, len, x.w);
      }
    }
    return kicks;
  };
}
