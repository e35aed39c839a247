/**
 * The JSON result of a run on a platform: what `spikelab map --json` prints
 * and what the comparison harness reads. Written by this one function.
 */

import {
  computeEnergy,
  type EnergyCounts,
  type EnergyReport,
  type EnergyTable,
} from '../energy/cost-table.ts';
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
  readonly energy: EnergyReport;
  /** TrueNorth: what the mapping changed to fit the chip (relays, quantisation). */
  readonly transform?: TrueNorthTransformReport;
  /** TrueNorth deployment: the counts above are the deployed network's (see truenorth-deploy.ts). */
  readonly deployment?: DeploymentReport;
}

/** The energy-relevant counts of a run. */
export function energyCounts(mapped: MappedNetwork, counter: HardwareCounter): EnergyCounts {
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
    seconds: (counter.ticks * mapped.platform.timing.tickMs) / 1000,
    chips: mapped.placement.chipsUsed,
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
    energy: computeEnergy(energyCounts(mapped, counter), energyTable),
    ...(mapped.truenorth ? { transform: mapped.truenorth.report } : {}),
    ...(mapped.deployment ? { deployment: mapped.deployment.report } : {}),
  };
}
