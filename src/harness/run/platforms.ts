/**
 * The spiking network on neuromorphic platforms: prepared once per platform
 * (sim/hardware/platform-run.ts), then every test sample's spikes counted
 * by that platform's hardware counter (packets, hops, per-core load,
 * energy). A platform whose limits the network exceeds is reported as not
 * mappable with the hardware layer's own reason, never with a made-up
 * number.
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

import type { PlatformClock } from '../../../sim/hardware/platform-clock.ts';
import {
  type PlatformRun,
  platformReport,
  preparePlatformRun,
} from '../../../sim/hardware/platform-run.ts';
import type { Network } from '../../../sim/network/network.ts';
import { chipEnergyEntry } from '../metrics/energy.ts';
import type { EnergyEntry, HardwareEntry, OnChipEntry } from '../report/schema.ts';

/** `net` prepared on each named platform; a network a platform cannot hold carries the reason instead of a mapping. */
export function mapPlatforms(net: Network, names: readonly string[]): PlatformRun[] {
  return names.map((name) => preparePlatformRun(net, name));
}

/** The counters that listen to the float network's run (a deployment's listens to its own). */
export function floatListeners(runs: readonly PlatformRun[]): PlatformClock[] {
  return runs.flatMap((r) => (r.clock && r.deployment === null ? [r.clock] : []));
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
    const name = run.platform.id;
    const r = platformReport(run, ticks);
    if (r === null) {
      const reason = run.notMapped?.message ?? 'not mapped';
      hardware[name] = { mappable: false, reason };
      energy[name] = { mappable: false, reason };
      continue;
    }
    if (run.deployment === null) synapticEvents[name] = r.synapticEvents;
    hardware[name] = {
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
      onChip: onChip[name] ?? null,
    };
    // a deployment answers latencyTicks later: the chip runs that much longer per inference
    const latency = run.deployment?.report.latencyTicks ?? 0;
    energy[name] = chipEnergyEntry(run.mapped!, run.clock!.counter, samples, latency);
  }
  return { hardware, energy, synapticEvents };
}
