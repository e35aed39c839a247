/**
 * Energy of the rate network's inference on conventional hardware, from its
 * operation counts and the CPU- or accelerator-class cost table (Horowitz
 * 2014, sim/energy/conventional.ts). Memory model, stated because the
 * operations alone would leave out the larger part:
 * - cpu: float32 weights streamed from DRAM (two per 64-bit access),
 *   activations from the 8 KB SRAM (two per access);
 * - accelerator: int8 weights and activations in on-chip SRAM (eight per
 *   64-bit access).
 * One weight read per effective operation (a sparse-aware kernel skips the
 * rows of zero inputs); one read per non-zero input, one write per output.
 * Static power is not in a per-operation table and is not charged.
 */
import type { EnergyTable } from '../../sim/energy/cost-table.ts';
import { rateNetworkEnergy } from '../../sim/energy/per-inference.ts';
import type { RateOperations } from './ann-metrics.ts';
import { energyEntry } from './energy-entry.ts';
import type { EnergyEntry } from './report-schema.ts';

const BYTES_PER_ACCESS = 8;

/** The accesses each class of device makes for the operations. */
export function memoryAccesses(
  ops: RateOperations,
  table: EnergyTable,
): { sramAccess: number; dramAccess: number } {
  const activations = ops.activationReads + ops.activationWrites;
  if (table.id === 'accelerator') {
    return { sramAccess: (ops.weightReads + activations) / BYTES_PER_ACCESS, dramAccess: 0 };
  }
  return {
    sramAccess: (activations * 4) / BYTES_PER_ACCESS,
    dramAccess: (ops.weightReads * 4) / BYTES_PER_ACCESS,
  };
}

/** Energy per inference of `ops` (already per sample) priced with `table`. */
export function rateEnergy(ops: RateOperations, table: EnergyTable): EnergyEntry {
  const mem = memoryAccesses(ops, table);
  return energyEntry(
    rateNetworkEnergy(
      { macs: ops.macs, acs: ops.acs, sramAccesses: mem.sramAccess, dramAccesses: mem.dramAccess },
      table,
    ),
  );
}
