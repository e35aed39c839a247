/**
 * TrueNorth deployment of a rate-coded feed-forward network (an ANN-to-SNN
 * conversion): the network the chip would actually run, as an engine network
 * of TrueNorth neurons with every core, axon and crossbar bit explicit, so
 * its accuracy, spikes, packets, hops and energy are those of the deployed
 * network, not of the float one.
 *
 * - Weights (codes.ts): each input reaches K axons of types
 *   0 … K−1 on its core; neuron j's type weights q_j·(−2^{K−1}, …, 2, 1) turn
 *   the K crossbar bits of a synapse into a K-bit signed integer, so every
 *   synapse has its own weight n_ij·Δ_j (one step Δ_j per neuron, chosen for
 *   the least squared error). K comes from the fan-in (`autoWeightBits`): the
 *   most bits whose copies fit one core's 256 axons (4 up to fan-in 64, 3 up
 *   to 85, 2 up to 128); a larger fan-in is split anyway, and gets K = 2,
 *   the trinary-capable code TrueNorth networks are trained for (Esser et
 *   al. 2016): splitters, partial neurons and their cores all grow with K,
 *   and a large fan-in averages the coarser steps (on the MNIST MLP,
 *   784-512-10, 2 bits lose no more than 4 within the test set's noise, at
 *   about half the cores). The axon copies are made by splitter neurons
 *   (Merolla et al. 2014, Science 345:668, §S4).
 * - Fan-in beyond one core (layer.ts): neurons split into
 *   mirror pairs of signed partial-sum neurons, one pair per input group,
 *   merged by a neuron that adds their spikes with ±ω.
 * - Biases and current input: the leak, a signed integer added every tick;
 *   an input layer driven by a current gets its leaks set for each sample.
 *
 * Related TrueNorth practice: Esser et al. 2015 (NeurIPS 28, 1117) and 2016
 * (PNAS 113:11441) train networks for the chip's low-precision synapses
 * (trinary weights in 2016) and its 256-input cores; here a network trained
 * without those constraints is fitted after training, and the report says
 * what that costs.
 */

import { invalid, SpikelabError } from '../../../../src/core/errors.ts';
import { buildNetwork } from '../../../network/build.ts';
import type { Network } from '../../../network/network.ts';
import { type MappedNetwork, mapNetwork } from '../../map.ts';
import { sourcePopulations } from '../../network-shape.ts';
import type { PlacementStrategy } from '../../placement.ts';
import type { Platform } from '../../platform.ts';
import { truenorth } from '../platform.ts';
import { type BuiltDeployment, buildDeployment, type DeployedInput } from './build.ts';
import { MAX_WEIGHT_BITS, MIN_WEIGHT_BITS } from './codes.ts';
import { type LayerCapacity, type LayerPlan, planLayer } from './layer.ts';
import { type DeploymentReport, deploymentReport } from './report.ts';
import { deployShape } from './shape.ts';

export type WeightBitsOption = 'auto' | 2 | 3 | 4;

export interface DeployOptions {
  /** Bits per synaptic weight (axon copies per input), for every layer; default `auto` (see the file comment). */
  readonly weightBits?: WeightBitsOption;
  /** A TrueNorth description with other capacities (studies, tests); default the published one. */
  readonly platform?: Platform;
  readonly budgetBytes?: number;
}

/** The deployed network as a spec (JSON-ready) and built, its populations by role, its inputs and cores. */
export interface TrueNorthDeployment extends BuiltDeployment {
  readonly platform: Platform;
  readonly network: Network;
  /** Core of every neuron of `network`. */
  readonly coreOf: Int32Array;
  readonly report: DeploymentReport;
}

/** K for a layer of fan-in n on cores of `axons` axons: the most bits that fit one core, else 2 (the layer is split). */
export function autoWeightBits(fanIn: number, axons: number): number {
  for (let k = MAX_WEIGHT_BITS; k >= MIN_WEIGHT_BITS; k--) if (fanIn * k <= axons) return k;
  return MIN_WEIGHT_BITS;
}

/** The network as TrueNorth would run it; NOT_APPLICABLE (with the reason) for networks outside its scope. */
export function deployOnTrueNorth(net: Network, options: DeployOptions = {}): TrueNorthDeployment {
  const platform = options.platform ?? truenorth;
  const bits = options.weightBits ?? 'auto';
  if (
    !(
      bits === 'auto' ||
      (Number.isInteger(bits) && bits >= MIN_WEIGHT_BITS && bits <= MAX_WEIGHT_BITS)
    )
  )
    throw invalid(
      'weightBits',
      bits,
      `auto or an integer in ${MIN_WEIGHT_BITS}…${MAX_WEIGHT_BITS}`,
    );
  const shape = deployShape(net);
  const cap: LayerCapacity = {
    axonsPerCore: platform.capacity.axonsPerCore ?? platform.capacity.neuronsPerCore,
    neuronsPerCore: platform.capacity.neuronsPerCore,
  };
  const latency = net.populations.map(() => 0);
  const plans: LayerPlan[] = shape.layers.map((l) => {
    const fanIn = net.populations[l.pre]!.size;
    const k = bits === 'auto' ? autoWeightBits(fanIn, cap.axonsPerCore) : bits;
    const plan = planLayer(net, l, k, cap, latency[l.pre]!);
    latency[l.post] = plan.latency;
    return plan;
  });
  const built = buildDeployment(net, shape, plans, cap);
  const network = buildNetwork(
    built.spec,
    options.budgetBytes !== undefined ? { memoryBudgetBytes: options.budgetBytes } : {},
  );
  const coreOf = new Int32Array(network.size);
  built.populations.forEach((d, i) => {
    coreOf.set(d.cores, network.populations[i]!.offset);
  });
  return {
    platform,
    spec: built.spec,
    network,
    populations: built.populations,
    inputs: built.inputs,
    coreOf,
    cores: built.cores,
    report: deploymentReport(net, plans, built),
  };
}

/** Every axon of a core carries one type: all synapses of one (source, delay) onto one core share a channel. */
function checkAxonTypes(m: MappedNetwork, net: Network): void {
  const c = m.connectivity;
  const coreOf = m.placement.coreOf;
  const seen = new Map<number, number>();
  for (let v = 0; v < c.neurons; v++) {
    seen.clear();
    for (let e = c.outStart[v]!; e < c.outStart[v + 1]!; e++) {
      const ch = net.projections[c.outProjection[e]!]!.channels?.[c.outSynapse[e]!] ?? 0;
      const key = coreOf[c.outTarget[e]!]! * 16 + c.outDelay[e]!;
      const prev = seen.get(key);
      if (prev !== undefined && prev !== ch) {
        throw new SpikelabError(
          'CONSTRAINT_VIOLATION',
          `IBM TrueNorth deployment: neuron ${v} reaches core ${coreOf[c.outTarget[e]!]} on one axon with types ${prev} and ${ch}; allowed: one type per axon`,
        );
      }
      seen.set(key, ch);
    }
  }
}

/** The deployed network on the chip's mesh; `placement` orders the core slots (the cores themselves are the deployment's). */
export function mapDeployment(
  dep: TrueNorthDeployment,
  placement: PlacementStrategy = 'clustered',
  budgetBytes?: number,
): MappedNetwork {
  const mapped = mapNetwork(dep.network, dep.platform, {
    placement,
    fixedCores: { coreOf: dep.coreOf, cores: dep.cores },
    sources: sourcePopulations(dep.network),
    ...(budgetBytes !== undefined ? { budgetBytes } : {}),
  });
  checkAxonTypes(mapped, dep.network);
  return { ...mapped, deployment: { report: dep.report } };
}

/**
 * The per-sample leaks of a current-driven input: `currents` (the original
 * population's iOffset, one per neuron) in the deployed neurons' integer
 * units per tick, written to `out`.
 */
export function inputLeaks(
  input: DeployedInput,
  currents: ArrayLike<number>,
  out: Float32Array,
): Float32Array {
  const f = input.leakPerCurrent;
  if (f === null) throw invalid('input', input.label, 'a current-driven input population');
  for (let i = 0; i < f.length; i++) out[i] = Math.round(currents[i]! * f[i]!);
  return out;
}
