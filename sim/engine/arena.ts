/**
 * One ArrayBuffer for all dynamic state of a simulation, handed out as typed
 * views at 16-byte aligned offsets, each padded to a whole number of 16-byte
 * vectors (so a SIMD kernel may load and store whole vectors over any entry). Planning first and allocating once means
 * the memory check happens before any allocation, and an optimised kernel can
 * own the buffer (a region of a WebAssembly.Memory, passed through
 * `allocate`) and find every array at its recorded byte offset.
 */
type Ctor = Float32ArrayConstructor | Int32ArrayConstructor | Uint32ArrayConstructor;

export interface ArenaEntry {
  name: string;
  byteOffset: number;
  length: number;
  type: 'f32' | 'i32' | 'u32';
}

const TYPES = new Map<Ctor, ArenaEntry['type']>([
  [Float32Array, 'f32'],
  [Int32Array, 'i32'],
  [Uint32Array, 'u32'],
]);

export class ArenaPlan {
  readonly entries: ArenaEntry[] = [];
  bytes = 0;

  /** Reserves `length` elements; returns the entry index to claim the view with. */
  reserve(name: string, ctor: Ctor, length: number): number {
    const byteOffset = Math.ceil(this.bytes / 16) * 16;
    this.entries.push({ name, byteOffset, length, type: TYPES.get(ctor)! });
    this.bytes = byteOffset + Math.ceil(length / 4) * 16;
    return this.entries.length - 1;
  }
}

/** Where the arena lives: a whole buffer, or a 16-byte aligned region of one (e.g. from WasmHeap.alloc). */
export type ArenaAllocator = (
  bytes: number,
) => ArrayBuffer | { buffer: ArrayBuffer; byteOffset: number };

export class Arena {
  readonly buffer: ArrayBuffer;
  /** Start of the arena in `buffer`; entry k lives at byteOffset + plan.entries[k].byteOffset. */
  readonly byteOffset: number;

  constructor(
    readonly plan: ArenaPlan,
    allocate: ArenaAllocator = (b) => new ArrayBuffer(b),
  ) {
    const got = allocate(Math.max(16, plan.bytes));
    if (got instanceof ArrayBuffer) {
      this.buffer = got;
      this.byteOffset = 0;
    } else {
      this.buffer = got.buffer;
      this.byteOffset = got.byteOffset;
    }
    if (this.byteOffset % 16 !== 0 || this.byteOffset + plan.bytes > this.buffer.byteLength) {
      throw new RangeError(
        `arena: region at ${this.byteOffset} of ${plan.bytes} bytes does not fit its buffer aligned to 16`,
      );
    }
  }

  f32(index: number): Float32Array {
    const e = this.plan.entries[index]!;
    return new Float32Array(this.buffer, this.byteOffset + e.byteOffset, e.length);
  }

  i32(index: number): Int32Array {
    const e = this.plan.entries[index]!;
    return new Int32Array(this.buffer, this.byteOffset + e.byteOffset, e.length);
  }

  u32(index: number): Uint32Array {
    const e = this.plan.entries[index]!;
    return new Uint32Array(this.buffer, this.byteOffset + e.byteOffset, e.length);
  }
}
