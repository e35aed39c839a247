/**
 * Global adjacency of a network, built once for placement and routing:
 * out-edges by presynaptic neuron and in-edges by postsynaptic neuron, both
 * as CSR over global neuron ids, with each synapse's delay and projection.
 */

import { checkAllocation, checkArrayLength } from '../../src/core/memory.ts';
import { checkNetworkShape, type NetworkShape, neuronCount } from './network-shape.ts';

export interface Connectivity {
  readonly neurons: number;
  readonly synapses: number;
  /** Population index of each neuron. */
  readonly populationOf: Uint16Array;
  readonly outStart: Uint32Array;
  readonly outTarget: Uint32Array;
  readonly outDelay: Uint16Array;
  readonly outProjection: Uint16Array;
  /** Index of each out-edge's synapse inside its projection's arrays. */
  readonly outSynapse: Uint32Array;
  readonly inStart: Uint32Array;
  readonly inSource: Uint32Array;
  readonly inDelay: Uint16Array;
  readonly inProjection: Uint16Array;
  /** Out-edge index of each in-edge (to read its weight or write its axon type). */
  readonly inOut: Uint32Array;
}

/** Bytes per synapse held here: out (4+2+2+4) and in (4+2+2+4). */
const BYTES_PER_SYNAPSE = 24;

export function buildConnectivity(net: NetworkShape, budgetBytes?: number): Connectivity {
  checkNetworkShape(net);
  const n = neuronCount(net);
  let m = 0;
  for (const pr of net.projections) m += pr.targets.length;
  checkArrayLength(m, 'hardware connectivity');
  checkAllocation(
    m * BYTES_PER_SYNAPSE + n * 10,
    `hardware connectivity of ${m} synapses`,
    budgetBytes,
  );

  const populationOf = new Uint16Array(n);
  net.populations.forEach((p, i) => {
    populationOf.fill(i, p.offset, p.offset + p.size);
  });

  const outStart = new Uint32Array(n + 1);
  const inStart = new Uint32Array(n + 1);
  for (const pr of net.projections) {
    const pre = net.populations[pr.pre]!;
    const postOff = net.populations[pr.post]!.offset;
    for (let i = 0; i < pre.size; i++)
      outStart[pre.offset + i + 1]! += pr.rowStart[i + 1]! - pr.rowStart[i]!;
    for (let s = 0; s < pr.targets.length; s++) inStart[postOff + pr.targets[s]! + 1]!++;
  }
  for (let i = 0; i < n; i++) {
    outStart[i + 1]! += outStart[i]!;
    inStart[i + 1]! += inStart[i]!;
  }

  const outTarget = new Uint32Array(m);
  const outDelay = new Uint16Array(m);
  const outProjection = new Uint16Array(m);
  const outSynapse = new Uint32Array(m);
  const inSource = new Uint32Array(m);
  const inDelay = new Uint16Array(m);
  const inProjection = new Uint16Array(m);
  const inOut = new Uint32Array(m);
  const outFill = outStart.slice(0, n);
  const inFill = inStart.slice(0, n);
  net.projections.forEach((pr, k) => {
    const pre = net.populations[pr.pre]!;
    const postOff = net.populations[pr.post]!.offset;
    for (let i = 0; i < pre.size; i++) {
      const src = pre.offset + i;
      for (let s = pr.rowStart[i]!; s < pr.rowStart[i + 1]!; s++) {
        const dst = postOff + pr.targets[s]!;
        const o = outFill[src]!++;
        outTarget[o] = dst;
        outDelay[o] = pr.delays[s]!;
        outProjection[o] = k;
        outSynapse[o] = s;
        const q = inFill[dst]!++;
        inSource[q] = src;
        inDelay[q] = pr.delays[s]!;
        inProjection[q] = k;
        inOut[q] = o;
      }
    }
  });
  return {
    neurons: n,
    synapses: m,
    populationOf,
    outStart,
    outTarget,
    outDelay,
    outProjection,
    outSynapse,
    inStart,
    inSource,
    inDelay,
    inProjection,
    inOut,
  };
}
