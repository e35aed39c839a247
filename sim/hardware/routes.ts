/**
 * Multicast routes: one packet leaves its source core and is replicated along
 * a tree (the union of the canonical shortest paths) to every core that needs
 * it. Each route records its delivery cores, the directed links of its tree,
 * hops per axis, links crossing a chip edge, and the routing-table entries it
 * needs on each chip.
 *
 * Table entries follow SpiNNaker's router: a chip needs an entry for a route
 * unless the packet arrives on a link and simply leaves by the opposite link
 * with nothing delivered locally ("default routing"); the source chip always
 * needs one.
 */

import { GrowableU32 } from './growable.ts';
import type { MachineLayout } from './machine.ts';

export class RouteBuilder {
  readonly cores = new GrowableU32();
  readonly coreStart = new GrowableU32();
  readonly links = new GrowableU32();
  readonly linkStart = new GrowableU32();
  /** Three per route: hops along axis 0 (E–W), 1 (N–S), 2 (diagonal). */
  readonly hopsAxis = new GrowableU32();
  readonly chipCrossings = new GrowableU32();
  /** Routing-table entries needed on each chip of the layout. */
  readonly entriesPerChip: Uint32Array;

  private readonly inTree: Int32Array;
  private readonly delivers: Int32Array;
  private readonly children: Int32Array;
  private readonly childDir: Int8Array;
  private readonly visited: Int32Array;
  private count = 0;

  constructor(
    private readonly layout: MachineLayout,
    private readonly coreNode: Int32Array,
  ) {
    const nodes = layout.topology.nodes;
    this.inTree = new Int32Array(nodes);
    this.delivers = new Int32Array(nodes);
    this.children = new Int32Array(nodes);
    this.childDir = new Int8Array(nodes);
    this.visited = new Int32Array(nodes);
    this.entriesPerChip = new Uint32Array(layout.chipsX * layout.chipsY);
    this.coreStart.push(0);
    this.linkStart.push(0);
  }

  get routes(): number {
    return this.count;
  }

  /** Builds the route from `src` to the cores `targets[0..n)`; returns its id. */
  add(src: number, targets: ArrayLike<number>, n: number): number {
    const topo = this.layout.topology;
    const nodeChip = this.layout.nodeChip;
    const id = ++this.count; // stamps are id (≥ 1), so zeroed arrays mean "not yet"
    const source = this.coreNode[src]!;
    let nVisited = 0;
    this.inTree[source] = id;
    this.children[source] = 0;
    this.visited[nVisited++] = source;
    let h0 = 0;
    let h1 = 0;
    let h2 = 0;
    let crossings = 0;
    for (let k = 0; k < n; k++) {
      const core = targets[k]!;
      this.cores.push(core);
      let node = this.coreNode[core]!;
      this.delivers[node] = id;
      if (this.inTree[node] === id) continue;
      this.inTree[node] = id;
      this.children[node] = 0;
      this.visited[nVisited++] = node;
      // Climb towards the source until the path joins the tree built so far
      // (at the latest at the source, which is in the tree from the start).
      for (let guard = 0; ; guard++) {
        if (guard > topo.nodes || node === undefined || node < 0) {
          throw new Error(
            `route from core ${src} to core ${core}: no path in the topology (internal error)`,
          );
        }
        const parent = topo.treeParent(source, node);
        const dir = topo.treeDir(source, node);
        this.links.push(parent * topo.degree + dir);
        const axis = topo.axis(dir);
        if (axis === 0) h0++;
        else if (axis === 1) h1++;
        else h2++;
        if (nodeChip[parent] !== nodeChip[node]) crossings++;
        const joined = this.inTree[parent] === id;
        if (!joined) {
          this.inTree[parent] = id;
          this.children[parent] = 0;
          this.visited[nVisited++] = parent;
        }
        this.children[parent]!++;
        this.childDir[parent] = dir;
        if (joined) break;
        node = parent;
      }
    }
    this.coreStart.push(this.cores.length);
    this.linkStart.push(this.links.length);
    this.hopsAxis.push(h0);
    this.hopsAxis.push(h1);
    this.hopsAxis.push(h2);
    this.chipCrossings.push(crossings);
    for (let v = 0; v < nVisited; v++) {
      const node = this.visited[v]!;
      if (this.needsEntry(node, source, id)) this.entriesPerChip[nodeChip[node]!]!++;
    }
    return id - 1;
  }

  private needsEntry(node: number, source: number, id: number): boolean {
    if (node === source || this.delivers[node] === id) return true;
    if (this.children[node] !== 1) return true;
    // One way out: default routing applies if it continues in the direction it came.
    return this.childDir[node] !== this.layout.topology.treeDir(source, node);
  }
}
