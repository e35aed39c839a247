/**
 * Which networks the TrueNorth deployment (deploy.ts) takes, and
 * their layer structure: rate-coded feed-forward networks of non-leaky
 * integrate-and-fire neurons (ANN-to-SNN conversions), where every neuron
 * population is fed by exactly one projection from another population and
 * the populations without input are spike sources or IF neurons driven by
 * their constant current. Anything else (recurrence, several projections
 * into one population, leaky or refractory neurons) is not deployed and
 * keeps the per-axon-type mapping of ../map/map.ts, with the reason.
 */

import { SpikelabError } from '../../../../src/core/errors.ts';
import type { Network, NeuronPopulation } from '../../../network/network.ts';
import { TRUENORTH_MAX_DELAY } from '../../../neurons/truenorth/params.ts';
import { truenorth } from '../platform.ts';

export interface DeployInput {
  readonly population: number;
  /** `spikes`: a spike source (its spikes enter the chip); `leak`: IF neurons driven by a constant current, set as their leak. */
  readonly kind: 'spikes' | 'leak';
}

export interface DeployLayer {
  /** Population indices in the original network. */
  readonly pre: number;
  readonly post: number;
  readonly projection: number;
  /** The projection's delay (ticks), kept on the last hop into the layer. */
  readonly delay: number;
}

export interface DeployShape {
  readonly inputs: readonly DeployInput[];
  /** One per fed population, every layer after the layer feeding it. */
  readonly layers: readonly DeployLayer[];
  /** Layer index of each population, −1 for inputs. */
  readonly layerOf: readonly number[];
  /** Indices of the layers each population feeds. */
  readonly consumers: readonly (readonly number[])[];
}

function perNeuronOr(pop: NeuronPopulation, name: string): boolean {
  return pop.perNeuron[name] !== undefined;
}

function neuronObstacle(net: Network, pop: NeuronPopulation, fed: boolean): string | null {
  const where = `population '${pop.label}'`;
  if (pop.model !== 'IF_nonleaky')
    return `${where} is ${pop.model}: only IF_nonleaky (rate-coded) layers are deployed`;
  if (perNeuronOr(pop, 'tauRefrac') || pop.neuron.refractoryTicks(pop.params, net.dt) > 0)
    return `${where} has a refractory period, which the TrueNorth neuron does not have`;
  if (pop.poissonInput.length > 0 || pop.stepCurrents !== null)
    return `${where} has Poisson kicks or step currents: feed it from a spike source instead`;
  if (!fed && pop.size === 0) return `${where} is empty`;
  return null;
}

function projectionObstacle(net: Network, k: number): string | null {
  const p = net.projections[k]!;
  const name = `projection '${p.label}'`;
  if (p.pre === p.post) return `${name} is recurrent`;
  const d = p.uniformDelay;
  if (d === 0) return `${name} has several delays: the deployment keeps one delay per projection`;
  if (d > TRUENORTH_MAX_DELAY) return `${name} has delay ${d} ticks; allowed: 1–15`;
  for (let s = 0; s < p.weights.length; s++) {
    if (!Number.isFinite(p.weights[s]!)) return `${name} has a weight that is not finite`;
  }
  return null;
}

/** Why `net` cannot be deployed, or null when it can. */
export function deployObstacle(net: Network): string | null {
  try {
    deployShape(net);
    return null;
  } catch (e) {
    if (e instanceof SpikelabError && e.code === 'NOT_APPLICABLE') return e.message;
    throw e;
  }
}

/** The layer structure, or a NOT_APPLICABLE error naming the first obstacle. */
export function deployShape(net: Network): DeployShape {
  const fail = (why: string): never => {
    throw new SpikelabError('NOT_APPLICABLE', `TrueNorth deployment: ${why}`);
  };
  if (net.dt !== truenorth.timing.tickMs)
    fail(`the network's tick is ${net.dt} ms; allowed: the chip's 1 ms`);
  const feeding = net.populations.map(() => [] as number[]);
  net.projections.forEach((p, k) => {
    feeding[p.post]!.push(k);
  });
  const inputs: DeployInput[] = [];
  const layerOf = net.populations.map(() => -1);
  const pending: DeployLayer[] = [];
  net.populations.forEach((pop, i) => {
    const ks = feeding[i]!;
    if (pop.kind !== 'neuron') {
      if (ks.length > 0) fail(`spike source '${pop.label}' receives a projection`);
      inputs.push({ population: i, kind: 'spikes' });
      return;
    }
    const why = neuronObstacle(net, pop, ks.length > 0);
    if (why !== null) fail(why);
    if (ks.length === 0) {
      inputs.push({ population: i, kind: 'leak' });
      return;
    }
    if (ks.length > 1)
      fail(`population '${pop.label}' is fed by ${ks.length} projections; allowed: one`);
    const k = ks[0]!;
    const pw = projectionObstacle(net, k);
    if (pw !== null) fail(pw);
    const pr = net.projections[k]!;
    pending.push({ pre: pr.pre, post: i, projection: k, delay: pr.uniformDelay });
  });
  // Feed-forward order: a layer after the layer of its input (a cycle never gets there).
  const layers: DeployLayer[] = [];
  const ready = net.populations.map((p, i) => p.kind !== 'neuron' || feeding[i]!.length === 0);
  let progress = true;
  while (progress && layers.length < pending.length) {
    progress = false;
    for (const l of pending) {
      if (layerOf[l.post]! >= 0 || !ready[l.pre]) continue;
      layerOf[l.post] = layers.length;
      layers.push(l);
      ready[l.post] = true;
      progress = true;
    }
  }
  if (layers.length < pending.length) fail('the populations form a cycle');
  const consumers = net.populations.map(() => [] as number[]);
  layers.forEach((l, i) => {
    consumers[l.pre]!.push(i);
  });
  return { inputs, layers, layerOf, consumers };
}
