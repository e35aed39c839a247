/**
 * Streams spikes to a sink in fixed-size chunks, so recording a run of any
 * length uses bounded memory: the CLI's sink writes a file, the worker's
 * transfers the chunk to the page. The chunk arrays are reused after `write`
 * returns.
 */
import type { SpikeListener } from './listener.ts';

export interface SpikeSink {
  write(ticks: Uint32Array, ids: Uint32Array, count: number): void;
}

export class SpikeStream implements SpikeListener {
  private readonly ticks: Uint32Array;
  private readonly ids: Uint32Array;
  private n = 0;
  written = 0;

  constructor(
    private readonly sink: SpikeSink,
    chunk = 65536,
  ) {
    this.ticks = new Uint32Array(chunk);
    this.ids = new Uint32Array(chunk);
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    for (let k = 0; k < count; k++) {
      if (this.n === this.ticks.length) this.flush();
      this.ticks[this.n] = tick;
      this.ids[this.n++] = ids[k]!;
    }
  }

  flush(): void {
    if (this.n > 0) this.sink.write(this.ticks, this.ids, this.n);
    this.written += this.n;
    this.n = 0;
  }
}
