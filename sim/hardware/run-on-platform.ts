/**
 * A network run on a platform, end to end: build (at the platform's tick) →
 * prepare with each placement (platform-run.ts) → one simulation with every
 * placement's counter listening → one report per placement, as one JSON
 * object. What `spikelab map` prints.
 *
 * One simulation serves every placement: where neurons sit changes what a
 * spike costs, never which spikes happen (the engine runs the network's own
 * neuron models; the hardware layer counts what the platform would do).
 */

import { invalid } from '../../src/core/errors.ts';
import type { Counts } from '../engine/counters.ts';
import type { SpikeListener } from '../engine/listener.ts';
import { Simulator } from '../engine/simulator.ts';
import { type BuildOptions, buildNetwork } from '../network/build.ts';
import type { Network } from '../network/network.ts';
import type { NetworkSpec } from '../network/spec.ts';
import type { PlacementStrategy } from './placement.ts';
import type { Platform } from './platform.ts';
import {
  platformReport,
  preparePlatformRun,
  preparePlatformRuns,
  type TrueNorthRunOptions,
} from './platform-run.ts';
import { platform as platformByName } from './platforms.ts';
import type { HardwareReport } from './report.ts';
import type { DeployOptions, TrueNorthDeployment } from './truenorth/deploy/deploy.ts';
import { truenorth } from './truenorth/platform.ts';

export const PLATFORM_RUN_REPORT_SCHEMA_VERSION = 1;

export interface RunOnPlatformOptions extends BuildOptions {
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
  readonly truenorth?: TrueNorthRunOptions;
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

export interface PlatformRunReport {
  readonly schemaVersion: typeof PLATFORM_RUN_REPORT_SCHEMA_VERSION;
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
  readonly buildSeconds: number;
  readonly simulationSeconds: number;
  readonly stopped: boolean;
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
}

function resolvePlatform(p: Platform | string): Platform {
  return typeof p === 'string' ? platformByName(p) : p;
}

/** Builds the spec at the platform's tick (delays and refractory periods in those ticks), then runs it. */
export function runSpecOnPlatform(
  spec: NetworkSpec,
  options: RunOnPlatformOptions,
): PlatformRunReport {
  const platform = resolvePlatform(options.platform);
  const tick = platform.timing.tickMs;
  const t0 = performance.now();
  const net = buildNetwork(spec.dt === tick ? spec : { ...spec, dt: tick }, options);
  const buildSeconds = (performance.now() - t0) / 1000;
  const run = runOnPlatform(net, { ...options, platform });
  return { ...run, dtChangedFrom: spec.dt === tick ? null : spec.dt, buildSeconds };
}

/**
 * Prepares a built network on a platform with each placement and runs it
 * (or its TrueNorth deployment) once, every placement's counter listening.
 * The network must be built at the platform's tick: the report counts
 * platform ticks. A network the platform cannot hold is an error here.
 */
export function runOnPlatform(net: Network, options: RunOnPlatformOptions): PlatformRunReport {
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
  const prepared = preparePlatformRuns(net, platform, placements, {
    ...(options.memoryBudgetBytes !== undefined && { budgetBytes: options.memoryBudgetBytes }),
    ...(options.truenorth && { truenorth: options.truenorth }),
  });
  for (const r of prepared) if (r.notMapped) throw r.notMapped;
  const deployment = prepared[0]!.deployment;
  const ran = deployment ? deployment.network : net;
  const sim = new Simulator(ran, {
    listeners: [...prepared.map((r) => r.clock!), ...(options.listeners ?? [])],
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
  const runs = prepared.map((r, k): PlacementRun => {
    const report = platformReport(r, result.ticks)!;
    return {
      placement: placements[k]!,
      report,
      joulesPerSimulatedSecond: seconds > 0 ? report.energy.joules / seconds : 0,
      mapSeconds: r.mapSeconds,
    };
  });
  const c = result.counts;
  const neurons = neuronCount(ran);
  let neuronSpikes = 0;
  ran.populations.forEach((p, i) => {
    if (p.kind === 'neuron') neuronSpikes += c.populations[i]!.spikes;
  });
  return {
    schemaVersion: PLATFORM_RUN_REPORT_SCHEMA_VERSION,
    model: typeof ran.spec.meta?.model === 'string' ? ran.spec.meta.model : null,
    platform: platform.id,
    platformName: platform.name,
    seed: ran.seed,
    dt: ran.dt,
    dtChangedFrom: null,
    ticks: result.ticks,
    durationMs: result.ticks * tick,
    neurons,
    sourceNeurons: ran.size - neurons,
    synapses: ran.synapses,
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
    ...(deployment && {
      deployedFrom: {
        neurons: neuronCount(net),
        sourceNeurons: net.size - neuronCount(net),
        synapses: net.synapses,
      },
    }),
  };
}

/** Neurons of the neuron populations (spike sources excluded). */
function neuronCount(net: Network): number {
  let neurons = 0;
  for (const p of net.populations) if (p.kind === 'neuron') neurons += p.size;
  return neurons;
}

export interface DeploymentRun {
  readonly deployment: TrueNorthDeployment;
  readonly report: HardwareReport;
  /** The engine's counts of the deployed network's run. */
  readonly counts: Counts;
}

/**
 * Deploys `net` on TrueNorth (NOT_APPLICABLE, with the reason, for a network
 * the deployment does not take), runs the deployed network for `durationMs`
 * with the chip's counter listening.
 */
export function runDeployment(
  net: Network,
  options: DeployOptions & {
    durationMs: number;
    placement?: PlacementStrategy;
    listeners?: readonly SpikeListener[];
  },
): DeploymentRun {
  const run = preparePlatformRun(net, options.platform ?? truenorth, {
    ...(options.placement !== undefined && { placement: options.placement }),
    ...(options.budgetBytes !== undefined && { budgetBytes: options.budgetBytes }),
    truenorth: {
      deploy: 'always',
      ...(options.weightBits !== undefined && { weightBits: options.weightBits }),
    },
  });
  if (run.notMapped) throw run.notMapped;
  const deployment = run.deployment;
  if (deployment === null) throw invalid('platform', run.platform.name, 'a TrueNorth description');
  const sim = new Simulator(deployment.network, {
    listeners: [run.clock!, ...(options.listeners ?? [])],
  });
  const r = sim.run(Math.round(options.durationMs / net.dt));
  return { deployment, report: platformReport(run, r.ticks)!, counts: r.counts };
}
