/**
 * A network run on a platform, end to end: build (at the platform's tick) →
 * map with each placement → one simulation with every placement's counter
 * listening → one report per placement. What `spikelab map` and the
 * comparison harness call.
 *
 * One simulation serves every placement: where neurons sit changes what a
 * spike costs, never which spikes happen (the engine runs the network's own
 * neuron models; the hardware layer counts what the platform would do).
 */

import { invalid } from '../../src/core/errors.ts';
import type { SpikeListener } from '../engine/listener.ts';
import { Simulator } from '../engine/simulator.ts';
import { type BuildOptions, buildNetwork } from '../network/build.ts';
import type { Network } from '../network/network.ts';
import type { NetworkSpec } from '../network/spec.ts';
import { createCounter, type MappedNetwork } from './map.ts';
import { sourcePopulations } from './network-shape.ts';
import type { PlacementStrategy } from './placement.ts';
import type { Platform } from './platform.ts';
import { type MapOntoOptions, mapOnto } from './platform-run.ts';
import { platform as platformByName } from './platforms.ts';
import { type HardwareReport, hardwareReport } from './report.ts';
import { deployOnTrueNorth, mapDeployment } from './truenorth/deploy/deploy.ts';
import { deployObstacle } from './truenorth/deploy/shape.ts';

export const PLATFORM_RUN_SCHEMA_VERSION = 1;

export interface PlatformRunOptions extends BuildOptions {
  /** A platform or its name (`truenorth`, `spinnaker`, `spinnaker2`, `loihi`). */
  readonly platform: Platform | string;
  /** One report per placement, in this order (default: clustered only). */
  readonly placements?: readonly PlacementStrategy[];
  /** Simulated time in ms, rounded to whole ticks. */
  readonly durationMs: number;
  /**
   * TrueNorth only: transform or reject, and the weight scale. In transform
   * mode a rate-coded feed-forward IF network is deployed
   * (truenorth/deploy/deploy.ts) and the deployed network is what runs and is counted.
   */
  readonly truenorth?: MapOntoOptions['truenorth'];
  /** Further listeners of the same simulation. */
  readonly listeners?: readonly SpikeListener[];
  readonly onProgress?: (doneTicks: number, totalTicks: number, spikes: number) => void;
  readonly shouldStop?: () => boolean;
}

/** One placement's outcome. */
export interface PlacementRun {
  readonly placement: PlacementStrategy;
  readonly report: HardwareReport;
  /** Energy per second of simulated time (J/s = W at real time), a lower bound when incomplete. */
  readonly joulesPerSimulatedSecond: number;
  readonly mapSeconds: number;
}

export interface PlatformRun {
  readonly schemaVersion: typeof PLATFORM_RUN_SCHEMA_VERSION;
  readonly model: string | null;
  readonly platform: string;
  readonly platformName: string;
  readonly seed: number;
  readonly dt: number;
  /** The spec's tick before it was set to the platform's, or null when it already was. */
  readonly dtChangedFrom: number | null;
  readonly ticks: number;
  readonly durationMs: number;
  readonly neurons: number;
  /** Neurons of spike-source populations (placed, never updated). */
  readonly sourceNeurons: number;
  readonly synapses: number;
  /** The engine's own counts of the run. */
  readonly engine: {
    /** Every spike, sources' included (as the hardware counts packets for them). */
    readonly spikes: number;
    /** Mean rate of the neuron populations (sources excluded). */
    readonly meanRateHz: number;
    readonly synapticEvents: number;
    readonly neuronUpdates: number;
    /** Kicks of the neurons' own Poisson input (`poissonInput`): inside the engine, not mapped. */
    readonly externalEvents: number;
  };
  readonly runs: readonly PlacementRun[];
  /**
   * TrueNorth deployment: the network given (its neurons, spike sources and
   * synapses); `neurons`, `synapses` and `engine` above are then the deployed
   * network's, which is what ran and what the counts are of.
   */
  readonly deployedFrom?: {
    readonly neurons: number;
    readonly sourceNeurons: number;
    readonly synapses: number;
  };
  readonly buildSeconds: number;
  readonly simulationSeconds: number;
  readonly stopped: boolean;
}

function resolvePlatform(p: Platform | string): Platform {
  return typeof p === 'string' ? platformByName(p) : p;
}

/** Builds the spec at the platform's tick (delays and refractory periods in those ticks), then runs it. */
export function runSpecOnPlatform(spec: NetworkSpec, options: PlatformRunOptions): PlatformRun {
  const platform = resolvePlatform(options.platform);
  const tick = platform.timing.tickMs;
  const t0 = performance.now();
  const net = buildNetwork(spec.dt === tick ? spec : { ...spec, dt: tick }, options);
  const buildSeconds = (performance.now() - t0) / 1000;
  const run = runOnPlatform(net, { ...options, platform });
  return { ...run, dtChangedFrom: spec.dt === tick ? null : spec.dt, buildSeconds };
}

/**
 * Maps a built network onto a platform with each placement and runs it
 * once, every placement's counter listening. The network must be built at
 * the platform's tick: its delays are taken as platform ticks.
 */
export function runOnPlatform(net: Network, options: PlatformRunOptions): PlatformRun {
  const platform = resolvePlatform(options.platform);
  const tick = platform.timing.tickMs;
  if (net.dt !== tick) {
    throw invalid(
      'dt',
      net.dt,
      `${tick} ms, the tick of ${platform.name} (build the network at that tick: delays are counted in it)`,
    );
  }
  const placements = options.placements ?? ['clustered'];
  if (placements.length === 0) throw invalid('placements', [], 'at least one placement');
  const deploy =
    platform.id === 'truenorth' &&
    options.truenorth?.mode !== 'reject' &&
    deployObstacle(net) === null;
  if (deploy) {
    const t = performance.now();
    const dep = deployOnTrueNorth(net, {
      platform,
      ...(options.memoryBudgetBytes !== undefined && { budgetBytes: options.memoryBudgetBytes }),
    });
    const seconds = (performance.now() - t) / 1000;
    const run = runMapped(dep.network, platform, options, placements, (placement) =>
      mapDeployment(dep, placement, options.memoryBudgetBytes),
    );
    const original = networkSize(net);
    return {
      ...run,
      runs: run.runs.map((r) => ({ ...r, mapSeconds: r.mapSeconds + seconds })),
      deployedFrom: {
        neurons: original.neurons,
        sourceNeurons: net.size - original.neurons,
        synapses: net.synapses,
      },
    };
  }
  const sources = sourcePopulations(net);
  return runMapped(net, platform, options, placements, (placement) =>
    mapOnto(net, platform, {
      placement,
      sources,
      ...(options.truenorth && { truenorth: options.truenorth }),
      ...(options.memoryBudgetBytes !== undefined && { budgetBytes: options.memoryBudgetBytes }),
    }),
  );
}

function networkSize(net: Network): { neurons: number } {
  let neurons = 0;
  for (const p of net.populations) if (p.kind === 'neuron') neurons += p.size;
  return { neurons };
}

/** Maps with each placement, then runs `net` once with every placement's counter listening. */
function runMapped(
  net: Network,
  platform: Platform,
  options: PlatformRunOptions,
  placements: readonly PlacementStrategy[],
  map: (placement: PlacementStrategy) => MappedNetwork,
): PlatformRun {
  const tick = platform.timing.tickMs;
  const mapped: { placement: PlacementStrategy; mapped: MappedNetwork; seconds: number }[] = [];
  for (const placement of placements) {
    const t = performance.now();
    const m = map(placement);
    mapped.push({ placement, mapped: m, seconds: (performance.now() - t) / 1000 });
  }
  const counters = mapped.map((m) => createCounter(m.mapped));
  const sim = new Simulator(net, {
    listeners: [...counters, ...(options.listeners ?? [])],
    ...(options.memoryBudgetBytes !== undefined && {
      memoryBudgetBytes: options.memoryBudgetBytes,
    }),
  });
  const ticks = Math.round(options.durationMs / tick);
  const t1 = performance.now();
  const result = sim.run(ticks, {
    onProgress: (done, total) => options.onProgress?.(done, total, sim.counts().spikes),
    ...(options.shouldStop && { shouldStop: options.shouldStop }),
  });
  const simulationSeconds = (performance.now() - t1) / 1000;
  const seconds = (result.ticks * tick) / 1000;
  const runs = mapped.map((m, k) => {
    const counter = counters[k]!;
    counter.finish(result.ticks);
    const report = hardwareReport(m.mapped, counter);
    return {
      placement: m.placement,
      report,
      joulesPerSimulatedSecond: seconds > 0 ? report.energy.joules / seconds : 0,
      mapSeconds: m.seconds,
    };
  });
  const c = result.counts;
  let neurons = 0;
  let neuronSpikes = 0;
  net.populations.forEach((p, i) => {
    if (p.kind !== 'neuron') return;
    neurons += p.size;
    neuronSpikes += c.populations[i]!.spikes;
  });
  return {
    schemaVersion: PLATFORM_RUN_SCHEMA_VERSION,
    model: typeof net.spec.meta?.model === 'string' ? net.spec.meta.model : null,
    platform: platform.id,
    platformName: platform.name,
    seed: net.seed,
    dt: net.dt,
    dtChangedFrom: null,
    ticks: result.ticks,
    durationMs: result.ticks * tick,
    neurons,
    sourceNeurons: net.size - neurons,
    synapses: net.synapses,
    engine: {
      spikes: c.spikes,
      meanRateHz: neurons > 0 && seconds > 0 ? neuronSpikes / neurons / seconds : 0,
      synapticEvents: c.synapticEvents,
      neuronUpdates: c.neuronUpdates,
      externalEvents: c.externalEvents,
    },
    runs,
    buildSeconds: 0,
    simulationSeconds,
    stopped: result.stopped,
  };
}
