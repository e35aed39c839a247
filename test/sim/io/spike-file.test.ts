import { describe, expect, it } from 'vitest';
import { encodeSpikePairs, readSpikeFile, spikeFileHeader } from '../../../sim/io/spike-file.ts';

function file(dt: number, ticks: number[], ids: number[]): Uint8Array {
  const body = encodeSpikePairs(
    Uint32Array.from(ticks),
    Uint32Array.from(ids),
    ticks.length,
    new Uint32Array(2 * ticks.length),
  );
  const out = new Uint8Array(16 + body.length);
  out.set(spikeFileHeader(dt));
  out.set(body, 16);
  return out;
}

describe('binary spike files', () => {
  it('read back what was written: 3 spikes, dt 0.25 ms', () => {
    const r = readSpikeFile(file(0.25, [0, 7, 7], [4, 0, 4_000_000_000]));
    expect(Array.from(r.ticks)).toEqual([0, 7, 7]);
    expect(Array.from(r.ids)).toEqual([4, 0, 4_000_000_000]);
    expect(r.dt).toBe(0.25);
  });

  it('refuses another format, another version and a truncated body', () => {
    expect(() => readSpikeFile(new TextEncoder().encode('time_ms,neuron\n1,2\n'))).toThrow(
      /does not appear to be a spikelab spike file/,
    );
    const v2 = file(1, [1], [1]);
    v2[3] = 2;
    expect(() => readSpikeFile(v2)).toThrow(/got v2 data when expected v1/);
    expect(() => readSpikeFile(file(1, [1], [1]).subarray(0, 20))).toThrow(
      /truncated \(4 bytes of records/,
    );
  });
});
