/**
 * Router topologies. Nodes are numbered `y * width + x`; a directed link is
 * `node * degree + direction` (the output port of the node it leaves).
 *
 * Each topology defines a canonical shortest-path tree from any source node:
 * the multicast route of a packet to a set of targets is the union of the
 * tree paths to them, so every target gets exactly one copy and each link is
 * crossed at most once per packet.
 */

import type { TopologyKind } from './platform.ts';

/** Axis of a link, for per-axis hop energies: 0 east–west, 1 north–south, 2 diagonal. */
export type Axis = 0 | 1 | 2;

export interface Topology {
  readonly kind: TopologyKind;
  readonly width: number;
  readonly height: number;
  readonly nodes: number;
  /** Output ports per router (4 on the mesh, 6 on the triangular torus). */
  readonly degree: number;
  /** Neighbour of `node` through port `dir`, or −1 at a mesh border. */
  neighbour(node: number, dir: number): number;
  axis(dir: number): Axis;
  opposite(dir: number): number;
  /** Hops on a shortest route from `a` to `b`. */
  distance(a: number, b: number): number;
  /**
   * Canonical shortest-path tree from `source`: `parent[n]` is the node before
   * `n` on the route (−1 for the source) and `dirInto[n]` the parent's output
   * port used to reach `n`.
   */
  shortestPathTree(source: number, parent: Int32Array, dirInto: Int8Array): void;
  /**
   * Parent of `node` in the canonical tree from `source` (−1 at the source),
   * and the port used to reach `node`. Cheap to call repeatedly for one
   * source (routing groups its work by source node).
   */
  treeParent(source: number, node: number): number;
  treeDir(source: number, node: number): number;
}

/** Number of links on the tree path from the tree's root to `node`. */
export function treeDepth(parent: Int32Array, node: number): number {
  let d = 0;
  for (let n = node; parent[n]! >= 0; n = parent[n]!) d++;
  return d;
}
