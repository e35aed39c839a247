/**
 * The JSON result of a run on a platform: what `spikelab map --json` prints
 * and what the comparison harness reads. Written by this one function.
 */

import { SpikelabError } from '../../src/core/errors.ts';
import {
  computeEnergy,
  type EnergyCounts,
  type EnergyReport,
  type EnergyTable,
} from '../energy/cost-table.ts';
import { barrierSeconds, timeSource } from '../energy/time-model.ts';
import type { HardwareCounter } from './event-counter.ts';
import type { MappedNetwork } from './map.ts';
import { type PlacementSummary, summarisePlacement } from './placement.ts';
import type { PlatformId } from './platform.ts';
import type { DeploymentReport } from './truenorth/deploy/report.ts';
import type { TrueNorthTransformReport } from './truenorth/map/transform-report.ts';

export const HARDWARE_REPORT_SCHEMA_VERSION = 1;

export interface HardwareReport {
  readonly schemaVersion: typeof HARDWARE_REPORT_SCHEMA_VERSION;
  readonly platform: PlatformId;
  readonly platformName: string;
  readonly ticks: number;
  readonly durationMs: number;
  readonly cores: number;
  readonly chips: number;
  /** Network neuron updates (spike sources excluded), equal to the engine's own count. */
  readonly neuronUpdates: number;
  readonly spikes: number;
  /** Network synaptic events (spike × synapse), equal to the engine's own count. */
  readonly synapticEvents: number;
  readonly packets: number;
  readonly deliveries: number;
  readonly hops: number;
  readonly hopsByAxis: {
    readonly eastWest: number;
    readonly northSouth: number;
    readonly diagonal: number;
  };
  readonly chipCrossings: number;
  /** Work of relay neurons (TrueNorth splitters), on top of the network's. */
  readonly relay: {
    readonly neuronUpdates: number;
    readonly spikes: number;
    readonly synapticEvents: number;
  };
  /** Busiest core's worst tick within its budget; null when the budget is unknown. */
  readonly realTime: boolean | null;
  /** Worst per-core synaptic load in one tick ÷ budget (> 1: that tick overran real time). */
  readonly overrun: number | null;
  readonly busiestCore: {
    readonly core: number;
    readonly tick: number;
    readonly synapticEvents: number;
    readonly budget: number | null;
  };
  readonly perCore: {
    readonly synapticEventsMax: number;
    readonly synapticEventsMean: number;
    readonly packetsSentMax: number;
    readonly deliveriesMax: number;
  };
  readonly links: { readonly used: number; readonly maxLoad: number };
  readonly routing: {
    readonly maxEntriesPerChip: number;
    readonly limit: number;
    readonly withinLimit: boolean;
    readonly chipsOverLimit: number;
  } | null;
  readonly placement: PlacementSummary;
  /** How long the run takes on the chip: its time model's seconds, and their ratio to simulated time. */
  readonly time: RunTime;
  readonly energy: EnergyReport;
  /** TrueNorth: what the mapping changed to fit the chip (relays, quantisation). */
  readonly transform?: TrueNorthTransformReport;
  /** TrueNorth deployment: the counts above are the deployed network's (see truenorth/deploy/deploy.ts). */
  readonly deployment?: DeploymentReport;
}

export interface RunTime {
  /** Seconds of the run on the chip (what static power is charged for). */
  readonly seconds: number;
  readonly model: 'fixed-tick' | 'busiest-core';
  /** seconds ÷ simulated seconds: 1 for a real-time chip, below 1 when it runs faster. */
  readonly realTimeFactor: number;
  /** True when part of the time has no published figure (Loihi's barrier across chips): a lower bound. */
  readonly lowerBound: boolean;
  readonly source: string;
}

/** Router nodes (Loihi tiles) holding at least one used core. */
function nodesUsed(mapped: MappedNetwork): number {
  const p = mapped.placement;
  return new Set(p.coreNode.subarray(0, p.totalCores)).size;
}

/**
 * The run's duration on the chip, by its time model: fixed ticks, or the
 * busiest core's seconds of each tick plus the barrier. `extraTicks` are
 * ticks the chip runs beyond those counted (a deployment's latency).
 */
export function runTime(mapped: MappedNetwork, counter: HardwareCounter, extraTicks = 0): RunTime {
  const t = mapped.platform.energy.time;
  const ticks = counter.ticks + extraTicks;
  const simulated = (ticks * mapped.platform.timing.tickMs) / 1000;
  const source = timeSource(t);
  if (t.kind === 'busiest-core') {
    const busiest = counter.busiestCoreSeconds;
    if (busiest === null) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `counter: counted without a step cost; allowed: a counter from createCounter(mapped) for ${mapped.platform.name}, whose steps end with the busiest core`,
      );
    }
    const barrier = barrierSeconds(t, nodesUsed(mapped));
    // extra ticks are idle steps: neuron updates and the barrier only
    const seconds = busiest + extraTicks * counter.idleStepSeconds! + ticks * barrier.seconds;
    return {
      seconds,
      model: 'busiest-core',
      realTimeFactor: simulated > 0 ? seconds / simulated : 0,
      lowerBound: barrier.lowerBound,
      source,
    };
  }
  if (t.kind !== 'fixed-tick') {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `${mapped.platform.name}: time model ${t.kind}; allowed: fixed-tick or busiest-core for a chip`,
    );
  }
  const seconds = ticks * t.tick.value;
  return { seconds, model: 'fixed-tick', realTimeFactor: 1, lowerBound: false, source };
}

/** The energy-relevant counts of a run (`extraTicks` as in runTime). */
export function energyCounts(
  mapped: MappedNetwork,
  counter: HardwareCounter,
  extraTicks = 0,
): EnergyCounts {
  return {
    events: {
      neuronUpdate: counter.neuronUpdates + counter.relayNeuronUpdates,
      spike: counter.spikes + counter.relaySpikes,
      synapticEvent: counter.synapticEvents + counter.relaySynapticEvents,
      packet: counter.packets,
      delivery: counter.deliveries,
      hopEastWest: counter.hopsByAxis[0]!,
      hopNorthSouth: counter.hopsByAxis[1]!,
      hopDiagonal: counter.hopsByAxis[2]!,
      chipCrossing: counter.chipCrossings,
    },
    seconds: runTime(mapped, counter, extraTicks).seconds,
    chips: mapped.placement.chipsUsed,
    cores: mapped.placement.totalCores,
  };
}

/** Call after `counter.finish(ticks)`. */
export function hardwareReport(
  mapped: MappedNetwork,
  counter: HardwareCounter,
  energyTable: EnergyTable = mapped.platform.energy,
): HardwareReport {
  const { platform, placement, traffic } = mapped;
  const budget = platform.timing.synapticEventsPerCoreTick;
  const overrun = budget === null ? null : counter.worstLoad / budget;
  const perCore = counter.perCore();
  let synMax = 0;
  let synSum = 0;
  let sentMax = 0;
  let delMax = 0;
  for (let c = 0; c < traffic.cores; c++) {
    synMax = Math.max(synMax, perCore.synapticEvents[c]!);
    synSum += perCore.synapticEvents[c]!;
    sentMax = Math.max(sentMax, perCore.packetsSent[c]!);
    delMax = Math.max(delMax, perCore.deliveries[c]!);
  }
  let used = 0;
  let maxLoad = 0;
  for (const l of counter.linkLoads()) {
    if (l > 0) used++;
    maxLoad = Math.max(maxLoad, l);
  }
  const limit = platform.capacity.routingEntriesPerChip;
  let routing: HardwareReport['routing'] = null;
  if (limit !== null) {
    let maxEntries = 0;
    let over = 0;
    for (const e of traffic.routingEntriesPerChip) {
      maxEntries = Math.max(maxEntries, e);
      if (e > limit) over++;
    }
    routing = {
      maxEntriesPerChip: maxEntries,
      limit,
      withinLimit: over === 0,
      chipsOverLimit: over,
    };
  }
  return {
    schemaVersion: HARDWARE_REPORT_SCHEMA_VERSION,
    platform: platform.id,
    platformName: platform.name,
    ticks: counter.ticks,
    durationMs: counter.ticks * platform.timing.tickMs,
    cores: placement.totalCores,
    chips: placement.chipsUsed,
    neuronUpdates: counter.neuronUpdates,
    spikes: counter.spikes,
    synapticEvents: counter.synapticEvents,
    packets: counter.packets,
    deliveries: counter.deliveries,
    hops: counter.hops,
    hopsByAxis: {
      eastWest: counter.hopsByAxis[0]!,
      northSouth: counter.hopsByAxis[1]!,
      diagonal: counter.hopsByAxis[2]!,
    },
    chipCrossings: counter.chipCrossings,
    relay: {
      neuronUpdates: counter.relayNeuronUpdates,
      spikes: counter.relaySpikes,
      synapticEvents: counter.relaySynapticEvents,
    },
    realTime: overrun === null ? null : overrun <= 1,
    overrun,
    busiestCore: {
      core: counter.worstCore,
      tick: counter.worstTick,
      synapticEvents: counter.worstLoad,
      budget,
    },
    perCore: {
      synapticEventsMax: synMax,
      synapticEventsMean: traffic.cores > 0 ? synSum / traffic.cores : 0,
      packetsSentMax: sentMax,
      deliveriesMax: delMax,
    },
    links: { used, maxLoad },
    routing,
    placement: summarisePlacement(placement, platform),
    time: runTime(mapped, counter),
    energy: computeEnergy(energyCounts(mapped, counter), energyTable),
    ...(mapped.truenorth ? { transform: mapped.truenorth.report } : {}),
    ...(mapped.deployment ? { deployment: mapped.deployment.report } : {}),
  };
}
