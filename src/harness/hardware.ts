/**
 * The spiking network on neuromorphic platforms: mapped once per platform,
 * then every test sample's spikes counted by that platform's hardware
 * counter (packets, hops, per-core load, energy). A platform whose limits
 * the network exceeds — TrueNorth's 256 axons per core against a 784-input
 * layer, say — is reported as not mappable with the hardware layer's own
 * reason, never with a made-up number.
 */

import { energyPerInference } from '../../sim/energy/per-inference.ts';
import type { HardwareCounter } from '../../sim/hardware/event-counter.ts';
import { createCounter, type MappedNetwork } from '../../sim/hardware/map.ts';
import { mapOnto } from '../../sim/hardware/map-onto.ts';
import { platform } from '../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../sim/hardware/report.ts';
import { toTrueNorthForm } from '../../sim/hardware/truenorth-form.ts';
import type { Network } from '../../sim/network/network.ts';
import { isSpikelabError } from '../core/errors.ts';
import { wasmSimdSupported } from '../core/wasm.ts';
import { energyEntry } from './energy-entry.ts';
import type { EnergyEntry, HardwareEntry } from './report-schema.ts';
import { simulateSamples } from './simulate.ts';
import type { SpikingClassifier } from './spiking-classifier.ts';

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
      onChip: null,
    };
    energy[run.name] = energyEntry(energyPerInference(r.energy, Math.max(1, samples)));
  }
  return { hardware, energy, synapticEvents };
}

/**
 * Accuracy of the network as TrueNorth would run it: its TrueNorth form
 * (toTrueNorthForm: quantised per-axon-type weights, thresholds and biases
 * in integer units, relay delays) simulated on the same samples. The form
 * takes its input as spikes from spike sources, so it is measured with
 * Poisson input; IF input neurons driven by per-sample currents have no
 * per-sample setting in the form.
 */
export function trueNorthOnChip(
  network: Network,
  classifier: SpikingClassifier,
  x: Float32Array,
  y: ArrayLike<number>,
  n: number,
  options: { timesteps: number; seed: number },
): { accuracy: number | null; note: string } {
  if (classifier.input.kind !== 'poisson') {
    return {
      accuracy: null,
      note: 'not measured: the TrueNorth form takes its input as spikes (run with --encoding poisson to measure it)',
    };
  }
  const form = toTrueNorthForm(network);
  const sim = simulateSamples(
    classifier,
    x,
    y,
    n,
    {
      timesteps: options.timesteps,
      seed: options.seed,
      readout: 'count',
      backend: wasmSimdSupported() ? 'wasm' : 'js',
    },
    form.network,
  );
  return {
    accuracy: sim.correctByTick[options.timesteps - 1]! / Math.max(1, n),
    note: `the TrueNorth form (${form.changes.join('; ') || 'no changes'}), count readout, same Poisson input`,
  };
}
