/**
 * Float32 arrays as base64 of their little-endian bytes: the exact bits, so a
 * save/load round trip is bit-identical (decimal text would need 9 significant
 * digits per value and is 2–3× larger). Uses btoa/atob, present in Node ≥ 16
 * and every browser.
 */
import { SpikelabError } from './errors.ts';
import { decodeBase64 } from './wasm.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function float32ToBase64(values: ArrayLike<number>): string {
  const f = Float32Array.from(values);
  const bytes = new Uint8Array(f.buffer);
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  let s = '';
  const CHUNK = 0x8000; // keeps String.fromCharCode's argument list small
  for (let i = 0; i < bytes.length; i += CHUNK) {
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(s);
}

/** Decodes `text`; `field` names the value in the error when the text is not base64 of whole float32s. */
export function base64ToFloat32(text: string, field: string): Float32Array {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(text);
  } catch {
    throw new SpikelabError('INVALID_FILE', `${field}: not valid base64`);
  }
  if (bytes.length % 4 !== 0) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${field}: ${bytes.length} bytes; allowed: a multiple of 4 (float32)`,
    );
  }
  if (!LITTLE_ENDIAN) for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
