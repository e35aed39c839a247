/**
 * The machine a placement runs on: enough chips for the cores it needs, laid
 * out as a near-square grid, and the order in which core slots are handed out.
 *
 * Mesh platforms tile their chips into one larger mesh (TrueNorth and Loihi
 * extend the mesh across chip edges); on a triangular torus each chip is one
 * node. Static power is charged for the chips that hold a used core.
 */

import { SpikelabError } from '../../src/core/errors.ts';
import { Mesh } from './mesh.ts';
import { coresPerChip, type Platform } from './platform.ts';
import type { Topology } from './topology.ts';
import { TriangularTorus } from './triangular-torus.ts';

/**
 * Row-major hands out slots row by row; serpentine reverses every other row
 * so that consecutive slots are always neighbours (used by the clustered
 * placement, whose consecutive cores are strongly connected).
 */
export type SlotOrder = 'row-major' | 'serpentine';

export interface MachineLayout {
  readonly topology: Topology;
  readonly chipsX: number;
  readonly chipsY: number;
  readonly coresPerNode: number;
  /** Chip index of each node. */
  readonly nodeChip: Int32Array;
  /** Node of each core slot, in the order slots are handed out. */
  readonly slotNode: Int32Array;
}

/** Largest machine the layout will build: 2^22 nodes (64 × 64 TrueNorth chips). */
const MAX_NODES = 1 << 22;

function nearSquare(n: number): [number, number] {
  const x = Math.max(1, Math.ceil(Math.sqrt(n)));
  return [x, Math.max(1, Math.ceil(n / x))];
}

/** Nodes of a w × h block in slot order, offset to (x0, y0) of a grid of width `gridW`. */
function blockOrder(
  w: number,
  h: number,
  x0: number,
  y0: number,
  gridW: number,
  order: SlotOrder,
  out: number[],
): void {
  for (let y = 0; y < h; y++) {
    for (let i = 0; i < w; i++) {
      const x = order === 'serpentine' && y % 2 === 1 ? w - 1 - i : i;
      out.push((y0 + y) * gridW + x0 + x);
    }
  }
}

export function buildLayout(p: Platform, cores: number, order: SlotOrder): MachineLayout {
  const c = p.capacity;
  const chips = Math.max(1, Math.ceil(cores / coresPerChip(p)));
  const [chipsX, chipsY] = nearSquare(chips);
  const w = chipsX * c.nodesPerChipX;
  const h = chipsY * c.nodesPerChipY;
  if (w * h > MAX_NODES) {
    throw new SpikelabError(
      'TOO_LARGE',
      `${p.name}: ${cores} cores need ${chips} chips (${w * h} routers); allowed: at most ${MAX_NODES} routers`,
    );
  }
  const topology: Topology = p.topology === 'mesh' ? new Mesh(w, h) : new TriangularTorus(w, h);
  const nodeChip = new Int32Array(w * h);
  for (let n = 0; n < w * h; n++) {
    const cx = Math.floor((n % w) / c.nodesPerChipX);
    const cy = Math.floor(Math.floor(n / w) / c.nodesPerChipY);
    nodeChip[n] = cy * chipsX + cx;
  }
  // Chips in slot order, then the nodes inside each chip in slot order.
  const chipList: number[] = [];
  blockOrder(chipsX, chipsY, 0, 0, chipsX, order, chipList);
  const nodes: number[] = [];
  for (const chip of chipList) {
    const x0 = (chip % chipsX) * c.nodesPerChipX;
    const y0 = Math.floor(chip / chipsX) * c.nodesPerChipY;
    blockOrder(c.nodesPerChipX, c.nodesPerChipY, x0, y0, w, order, nodes);
  }
  const slotNode = new Int32Array(nodes.length * c.coresPerNode);
  for (let s = 0; s < slotNode.length; s++) slotNode[s] = nodes[Math.floor(s / c.coresPerNode)]!;
  return { topology, chipsX, chipsY, coresPerNode: c.coresPerNode, nodeChip, slotNode };
}
