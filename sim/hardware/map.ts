/**
 * Mapping a network onto a platform, end to end: connectivity, cores,
 * platform constraints (TrueNorth), machine slots, routes. The result holds
 * everything a counter needs; `createCounter` gives the spike listener to
 * attach to the engine.
 */

import { SpikelabError } from '../../src/core/errors.ts';
import { coreStepCost } from '../energy/time-model.ts';
import { buildConnectivity, type Connectivity } from './connectivity.ts';
import { HardwareCounter } from './event-counter.ts';
import { describeProjection, type NetworkShape } from './network-shape.ts';
import {
  assignWithinFanOut,
  fixedAssignment,
  type Placement,
  type PlacementStrategy,
  placeCores,
} from './placement.ts';
import type { Platform } from './platform.ts';
import { buildTraffic, type RelayPlan, type TrafficPlan } from './traffic.ts';
import type { DeploymentReport } from './truenorth/deploy/report.ts';
import type { TrueNorthTransformReport } from './truenorth/map/transform-report.ts';

export interface MapOptions {
  /** Default `clustered`. */
  readonly placement?: PlacementStrategy;
  /** Populations that are spike sources (no neuron updates). */
  readonly sources?: readonly number[];
  /** Memory budget for the mapping's arrays (bytes). */
  readonly budgetBytes?: number;
  /** Each neuron's core, decided by the caller (a TrueNorth deployment); `placement` then only orders the slots. */
  readonly fixedCores?: { readonly coreOf: Int32Array; readonly cores: number };
  /** Relay neurons for platforms that allow one target per neuron (TrueNorth). */
  readonly relays?: (
    conn: Connectivity,
    cores: number,
    assignment: Placement['coreOf'],
  ) => RelayPlan;
}

export interface MappedNetwork {
  readonly platform: Platform;
  readonly network: NetworkShape;
  readonly connectivity: Connectivity;
  readonly placement: Placement;
  readonly traffic: TrafficPlan;
  readonly relays: RelayPlan | null;
  /** TrueNorth only: what the mapping changed (see truenorth/map/map.ts). */
  readonly truenorth?: { readonly report: TrueNorthTransformReport };
  /** TrueNorth deployment only: the network mapped is the deployed one (see truenorth/deploy/deploy.ts). */
  readonly deployment?: { readonly report: DeploymentReport };
}

export function mapNetwork(
  net: NetworkShape,
  platform: Platform,
  options: MapOptions = {},
): MappedNetwork {
  const conn = buildConnectivity(net, options.budgetBytes);
  checkDelays(net, conn, platform);
  const strategy = options.placement ?? 'clustered';
  const fixed = options.fixedCores;
  const assignment = fixed
    ? fixedAssignment(conn, platform, fixed.coreOf, fixed.cores, strategy)
    : assignWithinFanOut(net, conn, platform, strategy);
  const relays = options.relays ? options.relays(conn, assignment.cores, assignment.coreOf) : null;
  const placement = placeCores(assignment, platform, relays?.relayCores ?? 0);
  const traffic = buildTraffic(net, conn, placement, platform, {
    ...(options.sources ? { sources: options.sources } : {}),
    ...(relays ? { relays } : {}),
  });
  return { platform, network: net, connectivity: conn, placement, traffic, relays };
}

/** A fresh spike listener counting the mapped network's hardware events. */
/** A counter for `mapped`; it also times each tick's busiest core where the chip's steps end with it (Loihi). */
export function createCounter(mapped: MappedNetwork): HardwareCounter {
  const t = mapped.platform.energy.time;
  return new HardwareCounter(mapped.traffic, t.kind === 'busiest-core' ? coreStepCost(t) : null);
}

/** Delays beyond what the platform can hold are refused, naming the projection. */
function checkDelays(net: NetworkShape, conn: Connectivity, platform: Platform): void {
  const max = platform.capacity.maxDelayTicks;
  if (max === null) return;
  for (let e = 0; e < conn.synapses; e++) {
    if (conn.outDelay[e]! > max) {
      throw new SpikelabError(
        'CONSTRAINT_VIOLATION',
        `${platform.name}: ${describeProjection(net, conn.outProjection[e]!)} has a synapse with delay ${conn.outDelay[e]} ticks; allowed: 1–${max} ticks (${platform.sources['capacity.maxDelayTicks'] ?? 'platform limit'})`,
      );
    }
  }
}
