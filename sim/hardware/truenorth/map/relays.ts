/**
 * TrueNorth fan-out: each neuron has exactly one output, to one axon of one
 * core, with one delay. A neuron whose synapses land on several cores (or on
 * one core at several delays) is given "splitters" (Merolla et al. 2014 §S4):
 * its single output goes to an axon of a relay core, where one splitter
 * neuron per distinct (core, delay) target fires with it and sends on.
 *
 * Timing: the relay hop costs at least one tick. The neuron sends to the
 * relay with delay 1 and each splitter with delay D − 1, so a synapse of
 * delay D ≥ 2 keeps its delay; a synapse of delay 1 becomes 2 ticks. Those
 * synapses are counted and reported, never hidden.
 *
 * One relay level serves up to 256 targets per neuron (one relay core's
 * neurons); beyond that the network is rejected with the neuron named.
 */

import { SpikelabError } from '../../../../src/core/errors.ts';
import type { Connectivity } from '../../connectivity.ts';
import { describePopulation, type NetworkShape } from '../../network-shape.ts';
import type { Platform } from '../../platform.ts';
import type { RelayPlan } from '../../traffic.ts';

export interface RelayStats {
  /** Source neurons that needed splitters. */
  readonly relayedNeurons: number;
  readonly splitterNeurons: number;
  readonly relayCores: number;
  /** Synapses of delay 1 whose spikes now arrive one tick later. */
  readonly delayedSynapses: number;
}

export function planRelays(
  net: NetworkShape,
  conn: Connectivity,
  platform: Platform,
  cores: number,
  coreOf: Int32Array,
): RelayPlan & RelayStats {
  const n = conn.neurons;
  const slots = (platform.capacity.maxDelayTicks ?? 0) + 1;
  const perCore = platform.capacity.neuronsPerCore;
  const axonsPerCore = platform.capacity.axonsPerCore ?? Number.POSITIVE_INFINITY;
  const stamp = new Int32Array(cores * slots);
  const relayCoreOf = new Int32Array(n).fill(-1);
  const splitters = new Uint32Array(n);
  const onCore: number[] = [];
  let axonsHere = 0;
  let relayed = 0;
  let total = 0;
  let delayed = 0;
  for (let v = 0; v < n; v++) {
    let keys = 0;
    let delayOne = 0;
    for (let e = conn.outStart[v]!; e < conn.outStart[v + 1]!; e++) {
      const key = coreOf[conn.outTarget[e]!]! * slots + conn.outDelay[e]!;
      if (stamp[key] !== v + 1) {
        stamp[key] = v + 1;
        keys++;
      }
      if (conn.outDelay[e] === 1) delayOne++;
    }
    if (keys <= 1) continue;
    if (keys > perCore) {
      const pop = conn.populationOf[v]!;
      throw new SpikelabError(
        'CONSTRAINT_VIOLATION',
        `${platform.name}: neuron ${v - net.populations[pop]!.offset} of ${describePopulation(net, pop)} sends to ${keys} distinct (core, delay) targets; allowed: at most ${perCore} (one relay core of splitter neurons). Reduce its fan-out or place its targets on fewer cores.`,
      );
    }
    const last = onCore.length - 1;
    if (last < 0 || onCore[last]! + keys > perCore || axonsHere + 1 > axonsPerCore) {
      onCore.push(0);
      axonsHere = 0;
    }
    const r = onCore.length - 1;
    onCore[r]! += keys;
    axonsHere++;
    relayCoreOf[v] = cores + r;
    splitters[v] = keys;
    relayed++;
    total += keys;
    delayed += delayOne;
  }
  return {
    relayCoreOf,
    splitters,
    relayCores: onCore.length,
    relayNeuronsOnCore: Uint32Array.from(onCore),
    relayedNeurons: relayed,
    splitterNeurons: total,
    delayedSynapses: delayed,
  };
}
