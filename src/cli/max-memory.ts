/**
 * The memory a run may use, for the checks made before a network is
 * allocated: what the machine has free now (Linux: MemAvailable), or the
 * budget given with `--max-memory` (GB), so a network too large for the
 * memory left is refused with its size instead of swapping or being killed.
 */
import { freemem } from 'node:os';
import { Option } from 'commander';
import { floatFlag } from './flags.ts';

export function memoryLeftBytes(maxMemoryGb?: number): number {
  return maxMemoryGb !== undefined ? maxMemoryGb * 1e9 : freemem();
}

export function maxMemoryOption(): Option {
  return new Option('--max-memory <GB>', 'refuse networks that would need more memory than this')
    .argParser(floatFlag(0, Number.POSITIVE_INFINITY, { exclusiveMin: true }))
    .default(undefined, 'the memory free now');
}
