/**
 * Binary spike files: a 16-byte header, then (tick, neuron id) pairs as
 * little-endian uint32. Header: bytes 0–3 "SPK\x01" (magic and format
 * version), 4–7 reserved (0), 8–15 dt in ms as float64. Reading takes bytes,
 * not a path, so the page and the CLI share it.
 */
import { SpikelabError } from '../../src/core/errors.ts';
import type { SpikeRecord } from '../engine/monitors.ts';

export const SPIKE_FILE_VERSION = 1;
export const SPIKE_FILE_HEADER_BYTES = 16;

export function spikeFileHeader(dt: number): Uint8Array {
  const h = new Uint8Array(SPIKE_FILE_HEADER_BYTES);
  h.set([0x53, 0x50, 0x4b, SPIKE_FILE_VERSION]);
  new DataView(h.buffer).setFloat64(8, dt, true);
  return h;
}

/** Interleaves a chunk of spikes into `out` (length ≥ 2·count) as the file's pairs. */
export function encodeSpikePairs(
  ticks: Uint32Array,
  ids: Uint32Array,
  count: number,
  out: Uint32Array,
): Uint8Array {
  const dv = new DataView(out.buffer, out.byteOffset, count * 8);
  for (let k = 0; k < count; k++) {
    dv.setUint32(8 * k, ticks[k]!, true);
    dv.setUint32(8 * k + 4, ids[k]!, true);
  }
  return new Uint8Array(out.buffer, out.byteOffset, count * 8);
}

export function readSpikeFile(bytes: Uint8Array, where = 'spike file'): SpikeRecord {
  if (
    bytes.length < SPIKE_FILE_HEADER_BYTES ||
    bytes[0] !== 0x53 ||
    bytes[1] !== 0x50 ||
    bytes[2] !== 0x4b
  ) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: does not appear to be a spikelab spike file`,
    );
  }
  if (bytes[3] !== SPIKE_FILE_VERSION) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: got v${bytes[3]} data when expected v${SPIKE_FILE_VERSION}`,
    );
  }
  const body = bytes.length - SPIKE_FILE_HEADER_BYTES;
  if (body % 8 !== 0)
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: truncated (${body} bytes of records, not a multiple of 8)`,
    );
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = body / 8;
  const ticks = new Uint32Array(n);
  const ids = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    ticks[k] = dv.getUint32(SPIKE_FILE_HEADER_BYTES + 8 * k, true);
    ids[k] = dv.getUint32(SPIKE_FILE_HEADER_BYTES + 8 * k + 4, true);
  }
  return { ticks, ids, dt: dv.getFloat64(8, true) };
}
