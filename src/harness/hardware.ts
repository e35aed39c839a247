/**
 * The spiking network on neuromorphic platforms: mapped once per platform,
 * then every test sample's spikes counted by that platform's hardware
 * counter (packets, hops, per-core load, energy). A platform whose limits
 * the network exceeds — TrueNorth's 256 axons per core against a 784-input
 * layer, say — is reported as not mappable with the hardware layer's own
 * reason, never with a made-up number.
 */
import type { HardwareCounter } from '../../sim/hardware/event-counter.ts';
import { createCounter, type MappedNetwork } from '../../sim/hardware/map.ts';
import { mapOnto } from '../../sim/hardware/map-onto.ts';
import { platform } from '../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../sim/hardware/report.ts';
import type { Network } from '../../sim/network/network.ts';
import { isSpikelabError } from '../core/errors.ts';
import type { EnergyEntry, HardwareEntry } from './report-schema.ts';

export interface PlatformRun {
  readonly name: string;
  readonly mapped: MappedNetwork | null;
  readonly counter: HardwareCounter | null;
  readonly reason: string | null;
}

/** Maps `net` onto each named platform; constraint violations become a reason instead of a mapping. */
export function mapPlatforms(net: Network, names: readonly string[]): PlatformRun[] {
  const sources = net.populations.flatMap((p, i) => (p.kind === 'neuron' ? [] : [i]));
  return names.map((name) => {
    try {
      const mapped = mapOnto(net, platform(name), { placement: 'clustered', sources });
      return { name, mapped, counter: createCounter(mapped), reason: null };
    } catch (e) {
      if (isSpikelabError(e) && e.code !== 'UNKNOWN_TYPE' && e.code !== 'INVALID_ARGUMENT')
        return { name, mapped: null, counter: null, reason: e.message };
      throw e;
    }
  });
}

/** Per-platform results once every sample ran (`ticks` = samples × timesteps). */
export function platformResults(
  runs: readonly PlatformRun[],
  samples: number,
  ticks: number,
): {
  hardware: Record<string, HardwareEntry>;
  energy: Record<string, EnergyEntry>;
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
    synapticEvents[run.name] = r.synapticEvents;
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
      changes: [...(r.transform?.changes ?? [])],
    };
    const e = r.energy;
    energy[run.name] = {
      mappable: true,
      joulesPerInference: per(e.joules),
      breakdown: Object.fromEntries(Object.entries(e.breakdown).map(([k, j]) => [k, per(j)])),
      source: e.source,
      table: e.table,
      complete: e.complete,
      unpriced: [...e.unpriced],
    };
  }
  return { hardware, energy, synapticEvents };
}
