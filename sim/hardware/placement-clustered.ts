/**
 * Clustered placement: grow each core greedily from a seed, always taking the
 * unplaced neuron with the most synapses (either direction) to the neurons
 * already on the core. Connected neurons then share cores, so a spike reaches
 * fewer target cores (fewer deliveries, smaller multicast trees, fewer relay
 * neurons on TrueNorth). The next core is seeded with the neuron most
 * connected to the core just closed; with serpentine slot order, cores made
 * one after another sit next to each other, which shortens routes.
 *
 * Cost: O(E log E) for E synapses (each synapse pushes at most two entries),
 * plus the fit tests: each axon count costs the candidate's fan-in, and when
 * the axons per core bind, most candidates fail it, so a core stops growing
 * after MAX_MISSES candidates failed on axons. Without that
 * bound, Brunel (fan-in 1,250) on Loihi took 140 s to place; with it, 2 s.
 */

const MAX_MISSES = 64;

import type { Connectivity } from './connectivity.ts';
import type { CoreFiller } from './core-filler.ts';
import { MaxHeap } from './max-heap.ts';

export function fillClustered(filler: CoreFiller, conn: Connectivity): void {
  const n = conn.neurons;
  const gain = new Int32Array(n);
  /** gainCore[i] = core + 1 for which gain[i] is current. */
  const gainCore = new Int32Array(n);
  /** skipCore[i] = core + 1 when i was found not to fit on that core. */
  const skipCore = new Int32Array(n);
  const heap = new MaxHeap(1024);
  let scan = 0; // lowest possibly unplaced id, for seeding when the heap runs dry

  const nextUnplaced = (): number => {
    while (scan < n && filler.coreOf[scan]! >= 0) scan++;
    return scan < n ? scan : -1;
  };

  /** Raises u's gain towards the current core by one synapse. */
  const bump = (u: number) => {
    if (filler.coreOf[u]! >= 0) return;
    const core1 = filler.cores;
    if (gainCore[u] !== core1) {
      gainCore[u] = core1;
      gain[u] = 0;
    }
    heap.push(++gain[u]!, u);
  };
  const bumpNeighbours = (v: number) => {
    for (let e = conn.outStart[v]!; e < conn.outStart[v + 1]!; e++) bump(conn.outTarget[e]!);
    for (let e = conn.inStart[v]!; e < conn.inStart[v + 1]!; e++) bump(conn.inSource[e]!);
  };

  /** Candidates found not to fit the current core so far. */
  let misses = 0;
  /** Best fresh, unplaced, fitting candidate from the heap, or −1. */
  const best = (): number => {
    const core1 = filler.cores;
    while (heap.size > 0 && misses < MAX_MISSES) {
      const g = heap.topPriority();
      const v = heap.pop();
      if (filler.coreOf[v]! >= 0 || gainCore[v] !== core1 || gain[v] !== g) continue;
      if (skipCore[v] === core1) continue;
      if (!filler.admits(v)) {
        skipCore[v] = core1;
        continue;
      }
      if (filler.fits(v)) return v;
      skipCore[v] = core1;
      misses++;
    }
    return -1;
  };

  let placed = 0;
  let seed = nextUnplaced();
  while (seed >= 0) {
    heap.clear();
    misses = 0;
    filler.addToNewCore(seed);
    const core1 = filler.cores;
    placed++;
    bumpNeighbours(seed);
    for (;;) {
      let v = best();
      if (v < 0) {
        // Nothing connected fits: top up with the lowest unplaced neuron that does.
        const u = nextUnplaced();
        if (u < 0 || misses >= MAX_MISSES || !filler.fits(u)) break;
        v = u;
      }
      filler.add(v);
      bumpNeighbours(v);
      placed++;
    }
    if (placed >= n) break;
    // Seed the next core with the neuron most connected to this one.
    seed = -1;
    while (heap.size > 0) {
      const g = heap.topPriority();
      const v = heap.pop();
      if (filler.coreOf[v]! < 0 && gainCore[v] === core1 && gain[v] === g) {
        seed = v;
        break;
      }
    }
    if (seed < 0) seed = nextUnplaced();
  }
}
