/**
 * Energy per inference, for the comparison harness: the spiking side divides
 * the energy of a run over several samples (a hardware counter accumulates
 * across engine resets) by the number of samples; the rate side prices the
 * operations of its forward passes (MACs, ACs, memory accesses) with a
 * conventional device's table and its roofline time. Both come back in the
 * same shape: dynamic and static terms, the time one inference takes, their
 * product, and the sources, so that they sit side by side.
 */

import { invalid } from '../../src/core/errors.ts';
import { cpuEnergy } from './conventional.ts';
import { computeEnergy, type EnergyReport, type EnergyTable } from './cost-table.ts';
import { rooflineSeconds, timeSource } from './time-model.ts';

export interface EnergyPerInference {
  readonly samples: number;
  /** dynamicJoules + staticJoules.usedCores per sample; a lower bound when `complete` is false. */
  readonly joules: number;
  readonly dynamicJoules: number;
  readonly staticJoules: { readonly usedCores: number | null; readonly wholeChips: number | null };
  /** Seconds one inference takes on the device (its time model's). */
  readonly seconds: number;
  /** joules × seconds (J·s), the figure Davies et al. 2021 compare. */
  readonly energyDelayProduct: number;
  /** Dynamic joules per sample by kind of event. */
  readonly breakdown: Readonly<Record<string, number>>;
  readonly table: string;
  readonly source: string;
  readonly staticSource: string;
  readonly timeSource: string;
  readonly timeModel: EnergyTable['time']['kind'];
  readonly complete: boolean;
  readonly unpriced: readonly string[];
  /** The energy of all samples together. */
  readonly total: EnergyReport;
}

const divide = (v: number | null, n: number) => (v === null ? null : v / n);

/** The energy of a run over `samples` inputs on `table`'s device, per input. */
export function energyPerInference(
  energy: EnergyReport,
  samples: number,
  table: EnergyTable,
): EnergyPerInference {
  if (!(Number.isInteger(samples) && samples >= 1))
    throw invalid('samples', samples, 'an integer ≥ 1');
  const breakdown: Record<string, number> = {};
  for (const [k, j] of Object.entries(energy.breakdown)) breakdown[k] = j / samples;
  const joules = energy.joules / samples;
  const seconds = energy.seconds / samples;
  return {
    samples,
    joules,
    dynamicJoules: energy.dynamicJoules / samples,
    staticJoules: {
      usedCores: divide(energy.staticJoules.usedCores, samples),
      wholeChips: divide(energy.staticJoules.wholeChips, samples),
    },
    seconds,
    energyDelayProduct: joules * seconds,
    breakdown,
    table: energy.table,
    source: energy.source,
    staticSource: energy.staticSource,
    timeSource: timeSource(table.time),
    timeModel: table.time.kind,
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
 * Energy of a rate network's operations on a conventional device
 * (`cpuEnergy` or `acceleratorEnergy`): Σ count × cost per operation, plus
 * the device's idle power over its roofline time on one core (the DRAM
 * traffic at its bandwidth, or the operations at its peak rate, whichever
 * is longer). A table without a roofline model (a neuromorphic chip's)
 * prices the operations alone, with `time` unpriced.
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
  const t = table.time;
  const seconds =
    t.kind === 'roofline' ? rooflineSeconds(t, events.mac + events.ac, events.dramAccess * 8) : 0;
  const energy = computeEnergy({ events, seconds, chips: 1, cores: 1 }, table);
  const priced =
    t.kind === 'roofline'
      ? energy
      : { ...energy, complete: false, unpriced: [...energy.unpriced, 'time'] };
  return energyPerInference(priced, samples, table);
}
