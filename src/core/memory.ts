/**
 * Refuse allocations that cannot fit before making them: a network or a data
 * set that is too large gets a clear error naming what it needs, instead of a
 * crash deep inside V8 after minutes of construction.
 */

import { SpikelabError } from './errors.ts';

/** Default budget when the caller knows nothing about the machine (the browser). */
export const DEFAULT_MEMORY_BUDGET_BYTES = 4 * 1024 ** 3;

/**
 * The largest single ArrayBuffer this runtime allocates. V8 (Node ≥ 20,
 * Chromium) allows 2^32 elements per typed array on 64-bit hosts; a single
 * buffer beyond this size throws a RangeError, so we say so first.
 */
export const MAX_TYPED_ARRAY_ELEMENTS = 2 ** 32 - 1;

export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(v >= 100 || u === 0 ? 0 : 1)} ${units[u]}`;
}

/**
 * Throws TOO_LARGE when `bytes` exceeds `budgetBytes`.
 * @param what what would be allocated, for the message ("connectivity of 1.2e9 synapses")
 */
export function checkAllocation(
  bytes: number,
  what: string,
  budgetBytes: number = DEFAULT_MEMORY_BUDGET_BYTES,
): void {
  if (!Number.isFinite(bytes) || bytes > budgetBytes) {
    throw new SpikelabError(
      'TOO_LARGE',
      `${what} needs ${formatBytes(bytes)}; the memory budget is ${formatBytes(budgetBytes)} (reduce the size, or raise the budget where the API or CLI allows)`,
    );
  }
}

/** Throws TOO_LARGE when a single typed array would exceed the runtime's limit. */
export function checkArrayLength(length: number, what: string): void {
  if (!Number.isSafeInteger(length) || length > MAX_TYPED_ARRAY_ELEMENTS) {
    throw new SpikelabError(
      'TOO_LARGE',
      `${what} needs ${length} elements in one array; allowed: at most ${MAX_TYPED_ARRAY_ELEMENTS}`,
    );
  }
}
