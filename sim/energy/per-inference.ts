/**
 * Energy per inference, for the comparison harness: the spiking side divides
 * the energy of a run over several samples (a hardware counter accumulates
 * across engine resets) by the number of samples; the rate side prices the
 * operations of one forward pass (MACs, ACs, memory accesses) with a
 * conventional-hardware table. Both come back in the same shape, with the
 * breakdown by kind of event and the table's source, so they sit side by side.
 */

import { invalid } from '../../src/core/errors.ts';
import { cpuEnergy } from './conventional.ts';
import { computeEnergy, type EnergyReport, type EnergyTable } from './cost-table.ts';

export interface EnergyPerInference {
  readonly samples: number;
  /** Joules per sample; a lower bound when `complete` is false. */
  readonly joules: number;
  /** Joules per sample by kind of event (and `static`). */
  readonly breakdown: Readonly<Record<string, number>>;
  readonly table: string;
  readonly source: string;
  readonly complete: boolean;
  readonly unpriced: readonly string[];
  /** The energy of all samples together. */
  readonly total: EnergyReport;
}

/** The energy of a run over `samples` inputs, per input (e.g. `energyPerInference(report.energy, 100)`). */
export function energyPerInference(energy: EnergyReport, samples: number): EnergyPerInference {
  if (!(Number.isInteger(samples) && samples >= 1))
    throw invalid('samples', samples, 'an integer ≥ 1');
  const breakdown: Record<string, number> = {};
  for (const [k, j] of Object.entries(energy.breakdown)) breakdown[k] = j / samples;
  return {
    samples,
    joules: energy.joules / samples,
    breakdown,
    table: energy.table,
    source: energy.source,
    complete: energy.complete,
    unpriced: energy.unpriced,
    total: energy,
  };
}

/** Operations of a rate network's forward passes (NeuroBench's Effective_MACs / Effective_ACs, plus memory traffic). */
export interface RateOperationCounts {
  /** Multiply–accumulates (non-binary input × non-zero weight). */
  readonly macs?: number;
  /** Accumulates (binary input × non-zero weight). */
  readonly acs?: number;
  /** 64-bit on-chip SRAM accesses. */
  readonly sramAccesses?: number;
  /** 64-bit off-chip DRAM accesses. */
  readonly dramAccesses?: number;
}

/**
 * Energy of a rate network's operations on conventional hardware (`cpuEnergy`
 * or `acceleratorEnergy`, Horowitz 2014): Σ count × cost per operation.
 * Static power is not part of a per-operation table and is not charged.
 * Pass `samples` to get the figure per inference.
 */
export function rateNetworkEnergy(
  ops: RateOperationCounts,
  table: EnergyTable = cpuEnergy,
  samples = 1,
): EnergyPerInference {
  const events = {
    mac: ops.macs ?? 0,
    ac: ops.acs ?? 0,
    sramAccess: ops.sramAccesses ?? 0,
    dramAccess: ops.dramAccesses ?? 0,
  };
  for (const [k, n] of Object.entries(events)) {
    if (!(Number.isFinite(n) && n >= 0)) throw invalid(k, n, 'a count ≥ 0');
  }
  return energyPerInference(computeEnergy({ events, seconds: 0, chips: 0 }, table), samples);
}
