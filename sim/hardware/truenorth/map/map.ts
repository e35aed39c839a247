/**
 * Mapping onto TrueNorth: the generic placement and routing, plus the
 * platform's own constraints, each either transformed (with what changed
 * reported) or rejected with the neuron or projection and the limit named:
 * - fan-in above 256 axons per core: neurons spread over more cores by the
 *   placement; a single neuron needing more is rejected (placement);
 * - more than one target per neuron: splitter relays (relays.ts);
 * - weights outside signed 9 bits, or more than 4 axon types per core:
 *   quantisation with per-axon-type weight tables (weights.ts);
 * - delays outside 1–15 ticks: rejected.
 * A rate-coded feed-forward IF network (a conversion) can instead be
 * deployed with per-synapse weights and split neurons (../deploy/deploy.ts);
 * preparing a run on TrueNorth (../../platform-run.ts) does so.
 */

import { type MapOptions, type MappedNetwork, mapNetwork } from '../../map.ts';
import type { NetworkShape } from '../../network-shape.ts';
import type { Platform } from '../../platform.ts';
import { truenorth } from '../platform.ts';
import { planRelays, type RelayStats } from './relays.ts';
import type { TrueNorthTransformReport } from './transform-report.ts';
import { quantiseWeights, type TrueNorthWeights } from './weights.ts';

export interface TrueNorthOptions extends Omit<MapOptions, 'relays'> {
  /** `transform` (default) adapts the network and reports the changes; `reject` refuses any change. */
  readonly mode?: 'transform' | 'reject';
  /** Integer weight units per network weight unit (default `auto`). */
  readonly weightScale?: number | 'auto';
  /** A TrueNorth description with changed capacities (studies, tests); default the published one. */
  readonly platform?: Platform;
}

export interface TrueNorthMapping extends MappedNetwork {
  readonly truenorth: {
    readonly report: TrueNorthTransformReport;
    readonly weights: TrueNorthWeights;
  };
}

const none: RelayStats = {
  relayedNeurons: 0,
  splitterNeurons: 0,
  relayCores: 0,
  delayedSynapses: 0,
};

export function mapToTrueNorth(
  net: NetworkShape,
  options: TrueNorthOptions = {},
): TrueNorthMapping {
  const mode = options.mode ?? 'transform';
  const platform = options.platform ?? truenorth;
  let stats: RelayStats = none;
  const mapped = mapNetwork(net, platform, {
    ...options,
    ...(mode === 'transform'
      ? {
          relays: (conn, cores, coreOf) => {
            const plan = planRelays(net, conn, platform, cores, coreOf);
            const { relayedNeurons, splitterNeurons, relayCores, delayedSynapses } = plan;
            stats = { relayedNeurons, splitterNeurons, relayCores, delayedSynapses };
            return plan;
          },
        }
      : {}),
  });
  const weights = quantiseWeights(
    net,
    mapped.connectivity,
    mapped.placement.coreOf,
    mapped.placement.cores,
    {
      mode,
      scale: options.weightScale ?? 'auto',
    },
  );
  const w = weights.report;
  const changes: string[] = [];
  if (stats.relayedNeurons > 0) {
    changes.push(
      `fan-out: ${stats.relayedNeurons} neurons send through ${stats.splitterNeurons} splitter neurons on ${stats.relayCores} relay cores; ${stats.delayedSynapses} synapses of delay 1 now take 2 ticks`,
    );
  }
  if (w.scale !== 1 || w.maxAbsError > 0) {
    changes.push(
      `weights: ×${w.scale.toPrecision(4)} to integers; error RMS ${w.rmsError.toPrecision(3)} (${(100 * w.relativeRmsError).toFixed(2)} % of RMS weight), max ${w.maxAbsError.toPrecision(3)}`,
    );
  }
  if (w.clipped > 0) changes.push(`weights: ${w.clipped} axon–neuron pairs clipped to −256…255`);
  if (w.multapses > 0)
    changes.push(
      `crossbar: ${w.multapses} repeated synapses on one axon–neuron pair merged (weights summed)`,
    );
  if (w.coresWithMergedTypes > 0) {
    changes.push(
      `axon types: projections share a type on ${w.coresWithMergedTypes} cores fed by more than 4 projections`,
    );
  }
  return {
    ...mapped,
    truenorth: { report: { mode, relays: stats, weights: w, changes }, weights },
  };
}
