/** An append-only Uint32 buffer for building CSR arrays during setup (never in a tick loop). */
export class GrowableU32 {
  private data: Uint32Array;
  length = 0;

  constructor(capacity = 256) {
    this.data = new Uint32Array(Math.max(1, capacity));
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const d = new Uint32Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = v;
  }

  /** A trimmed copy. */
  toArray(): Uint32Array {
    return this.data.slice(0, this.length);
  }
}
