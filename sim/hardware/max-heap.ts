/**
 * Binary max-heap of (priority, id) pairs on typed arrays, for the clustered
 * placement's "most connected unplaced neuron" queue. Entries may go stale
 * (a neuron's priority grows after it was pushed); callers skip them on pop.
 */

export class MaxHeap {
  private pri: Int32Array;
  private ids: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.pri = new Int32Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  push(priority: number, id: number): void {
    if (this.size === this.pri.length) {
      const p = new Int32Array(this.size * 2);
      const d = new Int32Array(this.size * 2);
      p.set(this.pri);
      d.set(this.ids);
      this.pri = p;
      this.ids = d;
    }
    let i = this.size++;
    while (i > 0) {
      const up = (i - 1) >> 1;
      // Ties go to the smaller id, so the order is deterministic.
      if (this.pri[up]! > priority || (this.pri[up] === priority && this.ids[up]! < id)) break;
      this.pri[i] = this.pri[up]!;
      this.ids[i] = this.ids[up]!;
      i = up;
    }
    this.pri[i] = priority;
    this.ids[i] = id;
  }

  topPriority(): number {
    return this.pri[0]!;
  }

  /** Removes the top entry and returns its id (heap must be non-empty). */
  pop(): number {
    const top = this.ids[0]!;
    const n = --this.size;
    const p = this.pri[n]!;
    const d = this.ids[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      const r = c + 1;
      if (
        r < n &&
        (this.pri[r]! > this.pri[c]! ||
          (this.pri[r] === this.pri[c] && this.ids[r]! < this.ids[c]!))
      )
        c = r;
      if (p > this.pri[c]! || (p === this.pri[c] && d < this.ids[c]!)) break;
      this.pri[i] = this.pri[c]!;
      this.ids[i] = this.ids[c]!;
      i = c;
    }
    this.pri[i] = p;
    this.ids[i] = d;
    return top;
  }
}
