/**
 * A network prepared on a platform: the one path from "this network, that
 * platform" to a counter that listens to the engine and a report at the end.
 * `spikelab map` (run-on-platform.ts), the comparison harness and the web
 * worker all prepare here, so which mapping a network gets is decided in one
 * place:
 *
 * - TrueNorth, a rate-coded feed-forward IF network: its deployment
 *   (truenorth/deploy/), a different network from the one given, which is
 *   then the one to simulate and the one the counter counts;
 * - TrueNorth otherwise (or without deployment): the per-axon-type
 *   transform of the network as given (truenorth/map/), or its rejection;
 * - every other platform: the plain mapping (map.ts).
 *
 * The engine may tick finer than the chip: delays are mapped in platform
 * ticks and the counter sits behind a `PlatformClock` (platform-clock.ts),
 * the identity when the two ticks agree.
 *
 * A network the platform cannot hold is an outcome, not a failure: the run
 * carries the error instead of a mapping, so the harness and the web page
 * can show it beside the platforms that fit. Errors that name a wrong
 * argument or an unknown name are the caller's and are thrown.
 */

import { isSpikelabError, SpikelabError } from '../../src/core/errors.ts';
import type { Network } from '../network/network.ts';
import { createCounter, type MapOptions, type MappedNetwork, mapNetwork } from './map.ts';
import { type NetworkShape, sourcePopulations } from './network-shape.ts';
import type { PlacementStrategy } from './placement.ts';
import type { Platform } from './platform.ts';
import { onPlatformClock, PlatformClock } from './platform-clock.ts';
import { platform as platformByName } from './platforms.ts';
import { type HardwareReport, hardwareReport } from './report.ts';
import {
  deployOnTrueNorth,
  mapDeployment,
  type TrueNorthDeployment,
  type WeightBitsOption,
} from './truenorth/deploy/deploy.ts';
import { deployObstacle } from './truenorth/deploy/shape.ts';
import { mapToTrueNorth, type TrueNorthOptions } from './truenorth/map/map.ts';

export interface PlatformRun {
  readonly platform: Platform;
  /** The network as mapped, or null when it does not fit (`notMapped` says why). */
  readonly mapped: MappedNetwork | null;
  readonly notMapped: SpikelabError | null;
  /**
   * TrueNorth deployment: the network the chip runs, the one to simulate for
   * `clock` (null otherwise, and whenever `mapped` is null).
   */
  readonly deployment: TrueNorthDeployment | null;
  /** TrueNorth without a deployment: why not (null on other platforms and when not mapped). */
  readonly notDeployed: string | null;
  /**
   * The hardware counter behind the platform clock: the listener to put on
   * the simulation (of `deployment.network` when deployed, else of the
   * network given). Null when not mapped.
   */
  readonly clock: PlatformClock | null;
  /** Wall time of the deployment, mapping and counter set-up (s). */
  readonly mapSeconds: number;
}

/** TrueNorth only. */
export interface TrueNorthRunOptions {
  /** `transform` (default) fits the network to the chip and reports the changes; `reject` refuses any change and deploys nothing. */
  readonly mode?: 'transform' | 'reject';
  /** Integer weight units per network weight unit for the per-axon-type mapping (default `auto`). */
  readonly weightScale?: number | 'auto';
  /**
   * `auto` (default): deploy a network the deployment takes, map any other
   * with the per-axon-type transform. `never`: map the network as given,
   * for a simulation of that network already under way (the web worker).
   * `always`: the deployment or, for a network it does not take, a
   * NOT_APPLICABLE reason instead of a mapping.
   */
  readonly deploy?: 'auto' | 'never' | 'always';
  /** Bits per deployed synaptic weight (default `auto`). */
  readonly weightBits?: WeightBitsOption;
}

export interface PrepareOptions {
  /** Memory budget for the deployed network and the mapping's arrays (bytes). */
  readonly budgetBytes?: number;
  readonly truenorth?: TrueNorthRunOptions;
}

export interface MapOntoOptions extends Omit<MapOptions, 'relays'> {
  /** TrueNorth only: `transform` (default) or `reject`, and the weight scale. */
  readonly truenorth?: Pick<TrueNorthOptions, 'mode' | 'weightScale'>;
}

/** The mapping step alone, for a network whose delays are in platform ticks: TrueNorth through its constraint transform, the others directly. */
export function mapOnto(
  net: NetworkShape,
  platform: Platform,
  options: MapOntoOptions = {},
): MappedNetwork {
  const { truenorth, ...common } = options;
  if (platform.id === 'truenorth')
    return mapToTrueNorth(net, { ...common, ...truenorth, platform });
  return mapNetwork(net, platform, common);
}

/** `net` prepared on `platform` with the clustered placement. */
export function preparePlatformRun(
  net: Network,
  platform: Platform | string,
  options: PrepareOptions & { readonly placement?: PlacementStrategy } = {},
): PlatformRun {
  const { placement = 'clustered', ...rest } = options;
  return preparePlatformRuns(net, platform, [placement], rest)[0]!;
}

/**
 * `net` prepared on `platform` once per placement, in order. Where neurons
 * sit changes what a spike costs, never which spikes happen, so one
 * simulation can serve every placement's counter; a deployment is made
 * once and shared (its time is in every run's `mapSeconds`).
 */
export function preparePlatformRuns(
  net: Network,
  platform: Platform | string,
  placements: readonly PlacementStrategy[],
  options: PrepareOptions = {},
): PlatformRun[] {
  const p = typeof platform === 'string' ? platformByName(platform) : platform;
  const t0 = performance.now();
  const failed = (e: unknown): PlatformRun[] => {
    const mapSeconds = (performance.now() - t0) / 1000;
    return placements.map(() => notMapped(p, unfit(e), mapSeconds));
  };
  const tn = options.truenorth ?? {};
  const budget = options.budgetBytes !== undefined ? { budgetBytes: options.budgetBytes } : {};
  let deployment: TrueNorthDeployment | null = null;
  let notDeployed: string | null = null;
  try {
    if (p.id === 'truenorth') {
      const deploy = tn.mode === 'reject' ? 'never' : (tn.deploy ?? 'auto');
      notDeployed =
        deploy === 'never' ? 'not asked for: the network is mapped as given' : deployObstacle(net);
      if (notDeployed !== null && deploy === 'always')
        throw new SpikelabError('NOT_APPLICABLE', notDeployed);
      if (notDeployed === null) {
        deployment = deployOnTrueNorth(net, {
          platform: p,
          ...budget,
          ...(tn.weightBits !== undefined && { weightBits: tn.weightBits }),
        });
      }
    }
  } catch (e) {
    return failed(e);
  }
  const deploySeconds = (performance.now() - t0) / 1000;
  // the network as the chip sees it, shared by every placement's mapping
  const shape = deployment ? null : onPlatformClock(net, net.dt, p.timing.tickMs);
  const sources = sourcePopulations(net);
  const runs: PlatformRun[] = [];
  for (const placement of placements) {
    const t = performance.now();
    let mapped: MappedNetwork;
    try {
      mapped = deployment
        ? mapDeployment(deployment, placement, options.budgetBytes)
        : mapOnto(shape!, p, {
            placement,
            sources,
            ...budget,
            ...(p.id === 'truenorth' && {
              truenorth: {
                ...(tn.mode !== undefined && { mode: tn.mode }),
                ...(tn.weightScale !== undefined && { weightScale: tn.weightScale }),
              },
            }),
          });
    } catch (e) {
      return failed(e);
    }
    const ran = deployment ? deployment.network : net;
    runs.push({
      platform: p,
      mapped,
      notMapped: null,
      deployment,
      notDeployed,
      clock: new PlatformClock(createCounter(mapped), ran.dt, p.timing.tickMs),
      mapSeconds: deploySeconds + (performance.now() - t) / 1000,
    });
  }
  return runs;
}

/**
 * Closes the run's counter after `engineTicks` ticks of the simulation it
 * listened to and reports what the platform did; null when not mapped.
 */
export function platformReport(run: PlatformRun, engineTicks: number): HardwareReport | null {
  if (run.mapped === null || run.clock === null) return null;
  run.clock.finish(engineTicks);
  return hardwareReport(run.mapped, run.clock.counter);
}

function notMapped(platform: Platform, error: SpikelabError, mapSeconds: number): PlatformRun {
  return {
    platform,
    mapped: null,
    notMapped: error,
    deployment: null,
    notDeployed: null,
    clock: null,
    mapSeconds,
  };
}

/** The error as the reason a network does not fit, or thrown again when it is the caller's (a bad argument, an unknown name) or not ours. */
function unfit(e: unknown): SpikelabError {
  if (isSpikelabError(e) && e.code !== 'UNKNOWN_TYPE' && e.code !== 'INVALID_ARGUMENT') return e;
  throw e;
}
