/**
 * Energy entries of the report, priced alike on every device: dynamic
 * energy from the events (chip counters, or the rate network's operations
 * and memory accesses), static power over the seconds one inference takes
 * on that device, for the cores used and for whole chips, and the
 * energy-delay product.
 *
 * The rate network's memory model, stated because the operations alone
 * would leave out the larger part: weights stream from DRAM on both devices
 * (float32 on the CPU, int8 on the TPU-class accelerator, which holds no
 * weights on chip), one weight read per effective operation (a sparse-aware
 * kernel skips the rows of zero inputs); activations come from on-chip SRAM
 * (the CPU's cache, the accelerator's unified buffer), one read per
 * non-zero input and one write per output.
 */
import type { EnergyTable } from '../../../sim/energy/cost-table.ts';
import { computeEnergy } from '../../../sim/energy/cost-table.ts';
import { energyPerInference, rateNetworkEnergy } from '../../../sim/energy/per-inference.ts';
import type { HardwareCounter } from '../../../sim/hardware/event-counter.ts';
import type { MappedNetwork } from '../../../sim/hardware/map.ts';
import { energyCounts, runTime } from '../../../sim/hardware/report.ts';
import type { EnergyEntry } from '../report/schema.ts';
import type { RateOperations } from './ann-metrics.ts';

const BYTES_PER_ACCESS = 8;

/** Bytes of one weight and of one activation on each device. */
const OPERAND_BYTES: Readonly<Record<string, { weight: number; activation: number }>> = {
  cpu: { weight: 4, activation: 4 },
  accelerator: { weight: 1, activation: 1 },
};

/** The 64-bit accesses a device makes for the operations. */
export function memoryAccesses(
  ops: RateOperations,
  table: EnergyTable,
): { sramAccess: number; dramAccess: number } {
  const bytes = OPERAND_BYTES[table.id] ?? OPERAND_BYTES['cpu']!;
  const activations = ops.activationReads + ops.activationWrites;
  return {
    sramAccess: (activations * bytes.activation) / BYTES_PER_ACCESS,
    dramAccess: (ops.weightReads * bytes.weight) / BYTES_PER_ACCESS,
  };
}

/** Energy per inference of the rate network's `ops` (already per sample) on a conventional device. */
export function rateEnergyEntry(ops: RateOperations, table: EnergyTable): EnergyEntry {
  const mem = memoryAccesses(ops, table);
  const e = rateNetworkEnergy(
    { macs: ops.macs, acs: ops.acs, sramAccesses: mem.sramAccess, dramAccesses: mem.dramAccess },
    table,
  );
  const roofline = table.time.kind === 'roofline';
  return {
    mappable: true,
    dynamicJoules: e.dynamicJoules,
    staticJoules: { ...e.staticJoules },
    totalJoules: e.joules,
    secondsPerInference: roofline ? e.seconds : null,
    energyDelayProduct: roofline ? e.energyDelayProduct : null,
    breakdown: { ...e.breakdown },
    time: {
      model: roofline ? 'roofline' : 'unknown',
      ticks: null,
      lowerBound: true,
      note: roofline
        ? 'one forward pass on one core: the longer of its operations at the peak rate and its weights at the peak DRAM bandwidth (a lower bound)'
        : `${table.name} has no time model for a rate network`,
    },
    staticPower:
      table.staticWattsPerChip.joules === null
        ? null
        : {
            wattsPerChip: table.staticWattsPerChip.joules,
            chips: 1,
            cores: 1,
            coresPerChip: table.coresPerChip.count,
          },
    sources: { dynamic: e.source, static: e.staticSource, time: e.timeSource },
    table: e.table,
    complete: e.complete,
    unpriced: [...e.unpriced],
  };
}

/**
 * Energy per inference of a run of `samples` inputs on a chip (the counter
 * finished); `extraTicks` per inference are ticks the chip runs beyond
 * those counted (a TrueNorth deployment's latency), charged static power.
 */
export function chipEnergyEntry(
  mapped: MappedNetwork,
  counter: HardwareCounter,
  samples: number,
  extraTicksPerInference = 0,
): EnergyEntry {
  const table = mapped.platform.energy;
  const extra = samples * extraTicksPerInference;
  const total = computeEnergy(energyCounts(mapped, counter, extra), table);
  const time = runTime(mapped, counter, extra);
  const e = energyPerInference(total, Math.max(1, samples), table);
  const ticks = Math.round((counter.ticks + extra) / Math.max(1, samples));
  const note =
    time.model === 'fixed-tick'
      ? `${ticks} ticks of ${mapped.platform.timing.tickMs} ms in real time${extraTicksPerInference > 0 ? ` (${extraTicksPerInference} of them the deployment's latency)` : ''}`
      : `each tick lasts the busiest core's events at the published times per event, plus the barrier: ${(time.realTimeFactor * 100).toPrecision(3)} % of real time${time.lowerBound ? ' (barrier across chips unpriced: a lower bound)' : ''}`;
  const st = table.staticWattsPerChip.joules;
  return {
    mappable: true,
    dynamicJoules: e.dynamicJoules,
    staticJoules: { ...e.staticJoules },
    totalJoules: e.joules,
    secondsPerInference: e.seconds,
    energyDelayProduct: e.energyDelayProduct,
    breakdown: { ...e.breakdown },
    time: {
      model: time.model,
      ticks: time.model === 'fixed-tick' ? ticks : null,
      lowerBound: time.lowerBound,
      note,
    },
    staticPower:
      st === null
        ? null
        : {
            wattsPerChip: st,
            chips: mapped.placement.chipsUsed,
            cores: mapped.placement.totalCores,
            coresPerChip: table.coresPerChip.count,
          },
    sources: { dynamic: e.source, static: e.staticSource, time: e.timeSource },
    table: e.table,
    complete: e.complete,
    unpriced: [...e.unpriced],
  };
}
