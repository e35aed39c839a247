/**
 * 2-D triangular torus (SpiNNaker): each chip has six links, to its east,
 * north-east, north, west, south-west and south neighbours, wrapping at the
 * edges. Ports follow SpiNNaker's link numbering: 0 E (+1, 0), 1 NE (+1, +1),
 * 2 N (0, +1), 3 W (−1, 0), 4 SW (−1, −1), 5 S (0, −1).
 *
 * Distance: a displacement (dx, dy) whose components share a sign costs
 * max(|dx|, |dy|) hops (diagonal steps cover both), otherwise |dx| + |dy|;
 * the shortest route takes the best of the wrapped displacements.
 */

import type { Axis, Topology } from './topology.ts';

const DX = [1, 1, 0, -1, -1, 0] as const;
const DY = [0, 1, 1, 0, -1, -1] as const;

/** Hops for a displacement on the unwrapped triangular lattice. */
export function latticeHops(dx: number, dy: number): number {
  return dx * dy >= 0 ? Math.max(Math.abs(dx), Math.abs(dy)) : Math.abs(dx) + Math.abs(dy);
}

export class TriangularTorus implements Topology {
  readonly kind = 'triangular-torus' as const;
  readonly degree = 6;
  readonly nodes: number;
  /** BFS queue, reused by every shortestPathTree call. */
  private readonly queue: Int32Array;
  /** The tree of the last source asked for by treeParent/treeDir. */
  private cachedSource = -1;
  private readonly cachedParent: Int32Array;
  private readonly cachedDir: Int8Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.nodes = width * height;
    this.queue = new Int32Array(this.nodes);
    this.cachedParent = new Int32Array(this.nodes);
    this.cachedDir = new Int8Array(this.nodes);
  }

  private tree(source: number): void {
    if (source === this.cachedSource) return;
    this.shortestPathTree(source, this.cachedParent, this.cachedDir);
    this.cachedSource = source;
  }

  treeParent(source: number, node: number): number {
    this.tree(source);
    return this.cachedParent[node]!;
  }

  treeDir(source: number, node: number): number {
    this.tree(source);
    return this.cachedDir[node]!;
  }

  neighbour(node: number, dir: number): number {
    const w = this.width;
    const h = this.height;
    const x = (node % w) + DX[dir as 0]!;
    const y = Math.floor(node / w) + DY[dir as 0]!;
    return (((y % h) + h) % h) * w + (((x % w) + w) % w);
  }

  axis(dir: number): Axis {
    return (dir === 0 || dir === 3 ? 0 : dir === 2 || dir === 5 ? 1 : 2) as Axis;
  }

  opposite(dir: number): number {
    return (dir + 3) % 6;
  }

  distance(a: number, b: number): number {
    const w = this.width;
    const h = this.height;
    const dx = ((((b % w) - (a % w)) % w) + w) % w;
    const dy = (((Math.floor(b / w) - Math.floor(a / w)) % h) + h) % h;
    let best = Number.POSITIVE_INFINITY;
    for (const ex of [dx, dx - w]) {
      for (const ey of [dy, dy - h]) best = Math.min(best, latticeHops(ex, ey));
    }
    return best;
  }

  /** Breadth-first search, ports tried in order 0–5: a deterministic shortest-path tree. */
  shortestPathTree(source: number, parent: Int32Array, dirInto: Int8Array): void {
    parent.fill(-2, 0, this.nodes);
    parent[source] = -1;
    dirInto[source] = -1;
    const q = this.queue;
    let head = 0;
    let tail = 0;
    q[tail++] = source;
    while (head < tail) {
      const n = q[head++]!;
      for (let d = 0; d < 6; d++) {
        const m = this.neighbour(n, d);
        if (parent[m] !== -2) continue;
        parent[m] = n;
        dirInto[m] = d;
        q[tail++] = m;
      }
    }
  }
}
