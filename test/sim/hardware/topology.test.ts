import { describe, expect, it } from 'vitest';
import { buildLayout } from '../../../sim/hardware/machine.ts';
import { Mesh } from '../../../sim/hardware/mesh.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { treeDepth } from '../../../sim/hardware/topology.ts';
import { TriangularTorus } from '../../../sim/hardware/triangular-torus.ts';

const at = (w: number, x: number, y: number) => y * w + x;

describe('2-D mesh with dimension-order routing', () => {
  const m = new Mesh(4, 4);
  const parent = new Int32Array(16);
  const dir = new Int8Array(16);

  it('distance is |dx| + |dy|: (0,0)→(3,2) is 5 hops, (3,3)→(0,0) is 6', () => {
    expect(m.distance(at(4, 0, 0), at(4, 3, 2))).toBe(5);
    expect(m.distance(at(4, 3, 3), at(4, 0, 0))).toBe(6);
    expect(m.distance(at(4, 2, 1), at(4, 2, 1))).toBe(0);
  });

  it('routes x first, then y: (0,0)→(2,2) goes (1,0), (2,0), (2,1), (2,2)', () => {
    m.shortestPathTree(at(4, 0, 0), parent, dir);
    const path: number[] = [];
    for (let n = at(4, 2, 2); n >= 0; n = parent[n]!) path.unshift(n);
    expect(path).toEqual([at(4, 0, 0), at(4, 1, 0), at(4, 2, 0), at(4, 2, 1), at(4, 2, 2)]);
    // Ports used: east, east, north, north; axes 0, 0, 1, 1.
    expect(path.slice(1).map((n) => dir[n])).toEqual([0, 0, 1, 1]);
    expect(path.slice(1).map((n) => m.axis(dir[n]!))).toEqual([0, 0, 1, 1]);
  });

  it('every tree depth equals the Manhattan distance, on a 5 × 3 mesh from every source', () => {
    const g = new Mesh(5, 3);
    const p = new Int32Array(15);
    const d = new Int8Array(15);
    for (let s = 0; s < 15; s++) {
      g.shortestPathTree(s, p, d);
      for (let n = 0; n < 15; n++) expect(treeDepth(p, n)).toBe(g.distance(s, n));
    }
  });

  it('has no links off the edge', () => {
    expect(m.neighbour(at(4, 3, 0), 0)).toBe(-1);
    expect(m.neighbour(at(4, 0, 0), 3)).toBe(-1);
    expect(m.neighbour(at(4, 1, 1), 2)).toBe(at(4, 0, 1));
  });
});

describe('2-D triangular torus with six links', () => {
  const t = new TriangularTorus(4, 4);

  it('hand-computed shortest paths on a 4 × 4 torus', () => {
    // (0,0)→(1,1): one NE step.
    expect(t.distance(at(4, 0, 0), at(4, 1, 1))).toBe(1);
    // (0,0)→(3,3): wraps to (−1,−1), one SW step.
    expect(t.distance(at(4, 0, 0), at(4, 3, 3))).toBe(1);
    // (0,0)→(2,1): (2,1) shares a sign: max(2,1) = 2 (NE then E).
    expect(t.distance(at(4, 0, 0), at(4, 2, 1))).toBe(2);
    // (0,0)→(1,3): (1,−1) has mixed signs: 2 hops (E, S), shorter than (1,3) = 3.
    expect(t.distance(at(4, 0, 0), at(4, 1, 3))).toBe(2);
    // (0,0)→(2,2): (2,2) = 2 NE steps, (−2,−2) = 2 SW steps: 2.
    expect(t.distance(at(4, 0, 0), at(4, 2, 2))).toBe(2);
    // (1,2)→(3,0): (2,−2) mixed = 4, (−2,−2) = 2, (2,2) = 2: 2.
    expect(t.distance(at(4, 1, 2), at(4, 3, 0))).toBe(2);
  });

  it('the farthest node on a 6 × 6 torus is 4 hops away: displacement (2, 4) costs 4 in every wrapped form', () => {
    const g = new TriangularTorus(6, 6);
    let worst = 0;
    for (let n = 0; n < 36; n++) worst = Math.max(worst, g.distance(0, n));
    expect(worst).toBe(4);
    // (2,4) → 4; (2,−2) → 4; (−4,−2) → 4; (−4,4) → 8.
    expect(g.distance(0, 4 * 6 + 2)).toBe(4);
  });

  it('BFS tree depths equal the closed-form distance from every source (8 × 5 torus)', () => {
    const g = new TriangularTorus(8, 5);
    const p = new Int32Array(40);
    const d = new Int8Array(40);
    for (let s = 0; s < 40; s++) {
      g.shortestPathTree(s, p, d);
      for (let n = 0; n < 40; n++) expect(treeDepth(p, n)).toBe(g.distance(s, n));
    }
  });

  it('wraps around: west of (0,0) is (3,0), south-west of (0,0) is (3,3)', () => {
    expect(t.neighbour(0, 3)).toBe(at(4, 3, 0));
    expect(t.neighbour(0, 4)).toBe(at(4, 3, 3));
    expect(t.opposite(1)).toBe(4);
    expect([0, 1, 2, 3, 4, 5].map((d) => t.axis(d))).toEqual([0, 2, 1, 0, 2, 1]);
  });
});

describe('machine layout', () => {
  it('SpiNNaker: 40 cores need 3 chips of 16, laid out as a 2 × 2 torus', () => {
    const l = buildLayout(platform('spinnaker'), 40, 'row-major');
    expect([l.topology.width, l.topology.height]).toEqual([2, 2]);
    expect(Array.from(l.slotNode.slice(0, 17))).toEqual([...Array(16).fill(0), 1]);
  });

  it('TrueNorth: one chip is a 64 × 64 mesh; 5,000 cores need 2 chips side by side (128 × 64)', () => {
    const one = buildLayout(platform('truenorth'), 10, 'row-major');
    expect([one.topology.width, one.topology.height]).toEqual([64, 64]);
    const two = buildLayout(platform('truenorth'), 5000, 'row-major');
    expect([two.topology.width, two.topology.height, two.chipsX, two.chipsY]).toEqual([
      128, 64, 2, 1,
    ]);
    expect(two.nodeChip[64]).toBe(1);
    expect(two.slotNode[4096]).toBe(64); // first slot of chip 1 is its corner (64, 0)
  });

  it('serpentine order keeps consecutive slots adjacent inside a chip', () => {
    const l = buildLayout(platform('loihi'), 128, 'serpentine');
    for (let s = 4; s < 128; s += 4) {
      expect(l.topology.distance(l.slotNode[s - 1]!, l.slotNode[s]!)).toBe(1);
    }
  });
});
