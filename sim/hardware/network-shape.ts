/**
 * The parts of a spiking network that the hardware layer reads: the engine's
 * own `NetworkShape` and `SpikeListener` (one definition, in sim/network and
 * sim/engine), plus helpers for messages and a one-time consistency check.
 *
 * Neurons are numbered globally: population p owns ids
 * `offset .. offset + size − 1`. Spike sources are populations too.
 */

import { invalid, SpikelabError } from '../../src/core/errors.ts';
import type { Network, NetworkShape } from '../network/network.ts';

export type { SpikeListener } from '../engine/listener.ts';
export type { NetworkShape, PopulationShape, ProjectionShape } from '../network/network.ts';

/** Total neurons, spike sources included. */
export function neuronCount(net: NetworkShape): number {
  let n = 0;
  for (const p of net.populations) n = Math.max(n, p.offset + p.size);
  return n;
}

/** Indices of the populations that are spike sources (no neuron updates on hardware either). */
export function sourcePopulations(net: Pick<Network, 'populations'>): number[] {
  return net.populations.flatMap((p, i) => (p.kind === 'neuron' ? [] : [i]));
}

/** `population 'exc' (#0)` for messages. */
export function describePopulation(net: NetworkShape, index: number): string {
  const p = net.populations[index];
  return p ? `population '${p.label}' (#${index})` : `population #${index}`;
}

/** `projection #2 ('exc' → 'inh')` for messages. */
export function describeProjection(net: NetworkShape, index: number): string {
  const pr = net.projections[index]!;
  const a = net.populations[pr.pre]?.label ?? `#${pr.pre}`;
  const b = net.populations[pr.post]?.label ?? `#${pr.post}`;
  return `projection #${index} ('${a}' → '${b}')`;
}

/** Population index of a global neuron id (linear scan: for messages and setup only). */
export function populationOf(net: NetworkShape, id: number): number {
  for (let p = 0; p < net.populations.length; p++) {
    const pop = net.populations[p]!;
    if (id >= pop.offset && id < pop.offset + pop.size) return p;
  }
  return -1;
}

/**
 * Checks that populations tile 0..N−1 without overlap and that every
 * projection's CSR is consistent. Run once, where a network enters the
 * hardware layer; the rest of the layer then assumes a valid network.
 */
export function checkNetworkShape(net: NetworkShape): void {
  const pops = net.populations;
  const order = pops.map((_, i) => i).sort((a, b) => pops[a]!.offset - pops[b]!.offset);
  let next = 0;
  for (const i of order) {
    const p = pops[i]!;
    if (!Number.isSafeInteger(p.size) || p.size < 0) {
      throw invalid(`populations[${i}].size`, p.size, 'an integer ≥ 0');
    }
    if (p.offset !== next) {
      throw invalid(
        `populations[${i}].offset`,
        p.offset,
        `${next}: populations must number neurons 0..N−1 contiguously without overlap`,
      );
    }
    next += p.size;
  }
  net.projections.forEach((pr, k) => {
    const where = describeProjection(net, k);
    const pre = pops[pr.pre];
    const post = pops[pr.post];
    if (!pre || !post) {
      throw invalid(
        `projections[${k}].pre/post`,
        [pr.pre, pr.post],
        `population indices < ${pops.length}`,
      );
    }
    if (pr.rowStart.length !== pre.size + 1) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `${where}: rowStart has ${pr.rowStart.length} entries; allowed: pre size + 1 = ${pre.size + 1}`,
      );
    }
    const m = pr.targets.length;
    if (pr.weights.length !== m || pr.delays.length !== m || pr.rowStart[pre.size] !== m) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `${where}: targets (${m}), weights (${pr.weights.length}), delays (${pr.delays.length}) and rowStart[last] (${pr.rowStart[pre.size]}) must agree`,
      );
    }
    for (let i = 0; i < pre.size; i++) {
      if (pr.rowStart[i]! > pr.rowStart[i + 1]!) {
        throw invalid(
          `${where} rowStart[${i + 1}]`,
          pr.rowStart[i + 1],
          'a non-decreasing sequence',
        );
      }
    }
    for (let s = 0; s < m; s++) {
      if (pr.targets[s]! >= post.size) {
        throw invalid(`${where} targets[${s}]`, pr.targets[s], `a post-local index < ${post.size}`);
      }
      if (!Number.isFinite(pr.weights[s]!)) {
        throw invalid(`${where} weights[${s}]`, pr.weights[s], 'a finite number', 'NOT_FINITE');
      }
      if (pr.delays[s]! < 1)
        throw invalid(`${where} delays[${s}]`, pr.delays[s], 'an integer ≥ 1 (ticks)');
    }
  });
}
