/** The energy layer's per-inference result as an entry of the report (same fields, plain JSON). */
import type { EnergyPerInference } from '../../sim/energy/per-inference.ts';
import type { EnergyEntry } from './report-schema.ts';

/** A per-inference energy of the energy layer as a report entry. */
export function energyEntry(e: EnergyPerInference): EnergyEntry {
  return {
    mappable: true,
    joulesPerInference: e.joules,
    breakdown: { ...e.breakdown },
    source: e.source,
    table: e.table,
    complete: e.complete,
    unpriced: [...e.unpriced],
  };
}
