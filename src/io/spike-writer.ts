/**
 * Writes spikes to a file as the engine streams them, in bounded memory:
 * binary (see sim/io/spike-file.ts) or CSV (`time_ms,neuron`) chosen by the
 * file extension. Writes are synchronous chunks, so memory stays at one chunk
 * however long the run.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { SpikeSink } from '../../sim/engine/spike-stream.ts';
import { encodeSpikePairs, spikeFileHeader } from '../../sim/io/spike-file.ts';
import { SpikelabError } from '../core/errors.ts';

export interface SpikeFileWriter extends SpikeSink {
  readonly format: 'csv' | 'binary';
  close(): void;
}

export function openSpikeWriter(path: string, dt: number): SpikeFileWriter {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `--raster: cannot write ${path} (${(e as Error).message})`,
    );
  }
  if (path.toLowerCase().endsWith('.csv')) {
    writeSync(fd, 'time_ms,neuron\n');
    // ticks·dt printed with enough digits to be exact on the grid
    const digits = Math.max(0, -Math.floor(Math.log10(dt)) + 2);
    return {
      format: 'csv',
      write(ticks, ids, count) {
        const lines: string[] = new Array(count);
        for (let k = 0; k < count; k++) lines[k] = `${(ticks[k]! * dt).toFixed(digits)},${ids[k]}`;
        writeSync(fd, `${lines.join('\n')}\n`);
      },
      close: () => closeSync(fd),
    };
  }
  writeSync(fd, spikeFileHeader(dt));
  let scratch = new Uint32Array(0);
  return {
    format: 'binary',
    write(ticks, ids, count) {
      if (scratch.length < 2 * count) scratch = new Uint32Array(2 * count);
      writeSync(fd, encodeSpikePairs(ticks, ids, count, scratch));
    },
    close: () => closeSync(fd),
  };
}
