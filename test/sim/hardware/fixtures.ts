/** Small hand-built networks in the engine's shape, for hardware tests. */

import type { NetworkShape, ProjectionShape } from '../../../sim/hardware/network-shape.ts';
import { Rng } from '../../../src/core/rng.ts';

export interface Edge {
  /** pre-local index */
  i: number;
  /** post-local index */
  j: number;
  delay?: number;
  weight?: number;
}

export function projection(
  pre: number,
  post: number,
  preSize: number,
  edges: readonly Edge[],
  receptor: 'excitatory' | 'inhibitory' = 'excitatory',
): ProjectionShape {
  const sorted = [...edges].sort((a, b) => a.i - b.i);
  const rowStart = new Uint32Array(preSize + 1);
  for (const e of sorted) rowStart[e.i + 1]!++;
  for (let i = 0; i < preSize; i++) rowStart[i + 1]! += rowStart[i]!;
  return {
    pre,
    post,
    rowStart,
    targets: Uint32Array.from(sorted.map((e) => e.j)),
    weights: Float32Array.from(sorted.map((e) => e.weight ?? 1)),
    delays: Uint8Array.from(sorted.map((e) => e.delay ?? 1)),
    receptor,
  };
}

export function network(
  sizes: readonly [string, number][],
  projections: readonly ProjectionShape[],
): NetworkShape {
  let offset = 0;
  const populations = sizes.map(([label, size]) => {
    const p = { label, size, offset };
    offset += size;
    return p;
  });
  return { populations, projections };
}

/** Every pair (i, j) with probability p, i ≠ j when pre = post; weights w. */
export function randomProjection(
  rng: Rng,
  pre: number,
  post: number,
  preSize: number,
  postSize: number,
  p: number,
  weight: number,
  receptor: 'excitatory' | 'inhibitory',
  delay = 1,
): ProjectionShape {
  const edges: Edge[] = [];
  for (let i = 0; i < preSize; i++) {
    for (let j = 0; j < postSize; j++) {
      if (pre === post && i === j) continue;
      if (rng.uniform() < p) edges.push({ i, j, weight, delay });
    }
  }
  return projection(pre, post, preSize, edges, receptor);
}

/**
 * `clusters` all-to-all groups of `size` neurons in one population, with the
 * members scattered over the id range by a seeded permutation: sequential
 * placement cannot see the groups, a connectivity-aware one can.
 */
export function scatteredClusters(clusters: number, size: number, seed: number): NetworkShape {
  const n = clusters * size;
  const perm = new Rng(seed).permutation(n);
  const edges: Edge[] = [];
  for (let c = 0; c < clusters; c++) {
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        if (a !== b) edges.push({ i: perm[c * size + a]!, j: perm[c * size + b]! });
      }
    }
  }
  return network([['cells', n]], [projection(0, 0, n, edges)]);
}

/** Scaled-down CUBA-like network: exc/inh populations, fixed connection probability. */
export function miniCuba(seed: number, nExc = 320, nInh = 80, p = 0.05): NetworkShape {
  const rng = new Rng(seed);
  const we = 1.62;
  const wi = -9;
  return network(
    [
      ['exc', nExc],
      ['inh', nInh],
    ],
    [
      randomProjection(rng.derive('ee'), 0, 0, nExc, nExc, p, we, 'excitatory'),
      randomProjection(rng.derive('ei'), 0, 1, nExc, nInh, p, we, 'excitatory'),
      randomProjection(rng.derive('ie'), 1, 0, nInh, nExc, p, wi, 'inhibitory'),
      randomProjection(rng.derive('ii'), 1, 1, nInh, nInh, p, wi, 'inhibitory'),
    ],
  );
}

/**
 * 257 inputs into 2 neurons: post 0 ← in 0..199, post 1 ← in 57..256. Either
 * neuron fits on a 256-axon core; both together need 257 axons.
 */
export function twoNeuronsWith257Inputs(): NetworkShape {
  const edges: Edge[] = [];
  for (let i = 0; i < 200; i++) edges.push({ i, j: 0 });
  for (let i = 57; i < 257; i++) edges.push({ i, j: 1 });
  return network(
    [
      ['in', 257],
      ['out', 2],
    ],
    [projection(0, 1, 257, edges)],
  );
}

/** One neuron with 257 distinct inputs: no 256-axon core can hold it. */
export function oneNeuronWith257Inputs(): NetworkShape {
  return network(
    [
      ['in', 257],
      ['out', 1],
    ],
    [
      projection(
        0,
        1,
        257,
        Array.from({ length: 257 }, (_, i) => ({ i, j: 0 })),
      ),
    ],
  );
}
