/**
 * 2-D mesh without wraparound (TrueNorth, Loihi). Routing is dimension-order:
 * "first in the x dimension then in the y dimension (deadlock-free
 * dimension-order routing)" (Merolla et al. 2014, p. 5). Ports: 0 east (+x),
 * 1 north (+y), 2 west, 3 south.
 */

import type { Axis, Topology } from './topology.ts';

const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;
const EAST = 0;
const NORTH = 1;
const WEST = 2;
const SOUTH = 3;

export class Mesh implements Topology {
  readonly kind = 'mesh' as const;
  readonly degree = 4;
  readonly nodes: number;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.nodes = width * height;
  }

  neighbour(node: number, dir: number): number {
    const x = (node % this.width) + DX[dir as 0]!;
    const y = Math.floor(node / this.width) + DY[dir as 0]!;
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return -1;
    return y * this.width + x;
  }

  axis(dir: number): Axis {
    return (dir & 1) as Axis;
  }

  opposite(dir: number): number {
    return (dir + 2) & 3;
  }

  distance(a: number, b: number): number {
    const w = this.width;
    return Math.abs((a % w) - (b % w)) + Math.abs(Math.floor(a / w) - Math.floor(b / w));
  }

  /**
   * X-then-Y routes are prefix-closed (the route to any node on the way is the
   * start of the route), so the parent of a node is one step back along its
   * own route: in y if it is off the source row, else in x.
   */
  treeParent(source: number, node: number): number {
    const w = this.width;
    const dy = Math.floor(node / w) - Math.floor(source / w);
    if (dy !== 0) return node + (dy > 0 ? -w : w);
    const dx = (node % w) - (source % w);
    return dx === 0 ? -1 : node + (dx > 0 ? -1 : 1);
  }

  treeDir(source: number, node: number): number {
    const w = this.width;
    const dy = Math.floor(node / w) - Math.floor(source / w);
    if (dy !== 0) return dy > 0 ? NORTH : SOUTH;
    const dx = (node % w) - (source % w);
    return dx === 0 ? -1 : dx > 0 ? EAST : WEST;
  }

  shortestPathTree(source: number, parent: Int32Array, dirInto: Int8Array): void {
    for (let n = 0; n < this.nodes; n++) {
      parent[n] = this.treeParent(source, n);
      dirInto[n] = this.treeDir(source, n);
    }
  }
}
