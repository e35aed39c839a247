/**
 * The spiking network on neuromorphic platforms: mapped once per platform,
 * then every test sample's spikes counted by that platform's hardware
 * counter (packets, hops, per-core load, energy). A platform whose limits
 * the network exceeds is reported as not mappable with the hardware layer's
 * own reason, never with a made-up number.
 *
 * TrueNorth runs a different network from the float one: its deployment
 * (sim/hardware/truenorth/deploy/: per-synapse weights from axon copies,
 * split neurons for fan-in above 256, biases and input currents as leaks).
 * The harness simulates that network on the same samples for the on-chip
 * accuracy (on-chip.ts), and the TrueNorth counter listens to that run, so cores,
 * packets, hops and energy are the deployed network's. A network outside
 * the deployment's scope keeps the per-axon-type mapping of the float
 * network, and the report says so.
 */

import { energyPerInference } from '../../sim/energy/per-inference.ts';
import type { HardwareCounter } from '../../sim/hardware/event-counter.ts';
import { createCounter, type MappedNetwork } from '../../sim/hardware/map.ts';
import { mapOnto } from '../../sim/hardware/platform-run.ts';
import { platform } from '../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../sim/hardware/report.ts';
import {
  deployOnTrueNorth,
  mapDeployment,
  type TrueNorthDeployment,
} from '../../sim/hardware/truenorth/deploy/deploy.ts';
import { deployObstacle } from '../../sim/hardware/truenorth/deploy/shape.ts';
import type { Network } from '../../sim/network/network.ts';
import { isSpikelabError } from '../core/errors.ts';
import { energyEntry } from './energy-entry.ts';
import type { EnergyEntry, HardwareEntry, OnChipEntry } from './report-schema.ts';

export interface PlatformRun {
  readonly name: string;
  readonly mapped: MappedNetwork | null;
  readonly counter: HardwareCounter | null;
  readonly reason: string | null;
  /** TrueNorth: the deployed network its counter listens to (null: the counter listens to the float network). */
  readonly deployment: TrueNorthDeployment | null;
  /** TrueNorth without a deployment: why the network was not deployed. */
  readonly notDeployed: string | null;
}

/** The TrueNorth deployment of `net`, its mapping and a counter for it (the same, built anywhere). */
export function deployTrueNorth(net: Network): {
  deployment: TrueNorthDeployment;
  mapped: MappedNetwork;
  counter: HardwareCounter;
} {
  const deployment = deployOnTrueNorth(net);
  const mapped = mapDeployment(deployment);
  return { deployment, mapped, counter: createCounter(mapped) };
}

function mapOne(net: Network, name: string, sources: number[]): PlatformRun {
  const none = { deployment: null, notDeployed: null };
  try {
    if (name === 'truenorth') {
      const obstacle = deployObstacle(net);
      if (obstacle === null) {
        return { name, ...deployTrueNorth(net), reason: null, notDeployed: null };
      }
      const mapped = mapOnto(net, platform(name), { placement: 'clustered', sources });
      return {
        name,
        mapped,
        counter: createCounter(mapped),
        reason: null,
        deployment: null,
        notDeployed: obstacle,
      };
    }
    const mapped = mapOnto(net, platform(name), { placement: 'clustered', sources });
    return { name, mapped, counter: createCounter(mapped), reason: null, ...none };
  } catch (e) {
    if (isSpikelabError(e) && e.code !== 'UNKNOWN_TYPE' && e.code !== 'INVALID_ARGUMENT')
      return { name, mapped: null, counter: null, reason: e.message, ...none };
    throw e;
  }
}

/** Maps `net` onto each named platform; constraint violations become a reason instead of a mapping. */
export function mapPlatforms(net: Network, names: readonly string[]): PlatformRun[] {
  const sources = net.populations.flatMap((p, i) => (p.kind === 'neuron' ? [] : [i]));
  return names.map((name) => mapOne(net, name, sources));
}

/** The counters that listen to the float network's run (a deployment's listens to its own). */
export function floatListeners(runs: readonly PlatformRun[]): HardwareCounter[] {
  return runs.flatMap((r) => (r.counter && r.deployment === null ? [r.counter] : []));
}

/** Per-platform results once every sample ran (`ticks` = samples × timesteps); `onChip` by platform name. */
export function platformResults(
  runs: readonly PlatformRun[],
  samples: number,
  ticks: number,
  onChip: Readonly<Record<string, OnChipEntry>> = {},
): {
  hardware: Record<string, HardwareEntry>;
  energy: Record<string, EnergyEntry>;
  /** Platforms whose counter listened to the float network. */
  synapticEvents: Record<string, number>;
} {
  const hardware: Record<string, HardwareEntry> = {};
  const energy: Record<string, EnergyEntry> = {};
  const synapticEvents: Record<string, number> = {};
  const per = (v: number) => v / Math.max(1, samples);
  for (const run of runs) {
    if (run.mapped === null || run.counter === null) {
      hardware[run.name] = { mappable: false, reason: run.reason ?? 'not mapped' };
      energy[run.name] = { mappable: false, reason: run.reason ?? 'not mapped' };
      continue;
    }
    run.counter.finish(ticks);
    const r = hardwareReport(run.mapped, run.counter);
    if (run.deployment === null) synapticEvents[run.name] = r.synapticEvents;
    hardware[run.name] = {
      mappable: true,
      platformName: r.platformName,
      cores: r.cores,
      chips: r.chips,
      synapticEventsPerInference: per(r.synapticEvents),
      packetsPerInference: per(r.packets),
      hopsPerInference: per(r.hops),
      realTime: r.realTime,
      overrun: r.overrun,
      changes: [...(r.deployment?.changes ?? r.transform?.changes ?? [])],
      onChip: onChip[run.name] ?? null,
    };
    energy[run.name] = energyEntry(energyPerInference(r.energy, Math.max(1, samples)));
  }
  return { hardware, energy, synapticEvents };
}
