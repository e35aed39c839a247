/**
 * Python literals for the generated PyNN script. Arrays travel as base64 of
 * their little-endian bytes (decoded with numpy.frombuffer), so large weight
 * lists stay compact and every value keeps its exact bits; numbers are
 * written as the shortest decimal that reads back as the same double.
 */
import type { PynnValue } from './cells.ts';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function base64(view: ArrayBufferView, width: number): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  if (!LITTLE_ENDIAN)
    for (let i = 0; i < bytes.length; i += width) bytes.subarray(i, i + width).reverse();
  let s = '';
  const CHUNK = 0x8000; // keeps String.fromCharCode's argument list small
  for (let i = 0; i < bytes.length; i += CHUNK)
    s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : x < 0 ? 'float("-inf")' : 'float("nan")';
  return Number.isInteger(x) && Math.abs(x) < 1e15 ? `${x}.0` : String(x);
}

export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** float32 values: `f4("…")`. */
export function pyF4(values: Float32Array): string {
  return `f4("${base64(values, 4)}")`;
}

/** float64 values: `f8("…")`. */
export function pyF8(values: Float64Array): string {
  return `f8("${base64(values, 8)}")`;
}

/** Non-negative integers: `u4("…")`. */
export function pyU4(values: Uint32Array): string {
  return `u4("${base64(values, 4)}")`;
}

export function pyValue(v: PynnValue): string {
  return typeof v === 'number' ? pyNumber(v) : pyF8(v);
}

/** `name=value, …` in the given order. */
export function pyKeywords(entries: Record<string, PynnValue>): string {
  return Object.entries(entries)
    .map(([k, v]) => `${k}=${pyValue(v)}`)
    .join(', ');
}
