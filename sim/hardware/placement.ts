/**
 * Placement of a network's neurons onto cores, then of cores onto the
 * machine. Two strategies:
 * - `sequential`: neurons in id order, row-major slots (the naive baseline);
 * - `clustered`: greedy growth by connectivity, serpentine slots (neighbouring
 *   cores are made one after another), to cut deliveries and hops.
 * Every capacity of the platform is respected or the placement fails with
 * an error that names the neuron and the limit.
 */

import { SpikelabError, unknownName } from '../../src/core/errors.ts';
import type { Connectivity } from './connectivity.ts';
import { CoreFiller } from './core-filler.ts';
import { buildLayout, type MachineLayout, type SlotOrder } from './machine.ts';
import type { NetworkShape } from './network-shape.ts';
import { fillClustered } from './placement-clustered.ts';
import { fillSequential } from './placement-sequential.ts';
import type { Platform } from './platform.ts';

export const PLACEMENT_STRATEGIES = ['sequential', 'clustered'] as const;
export type PlacementStrategy = (typeof PLACEMENT_STRATEGIES)[number];

/** Neurons on logical cores, before the cores are given places on the machine. */
export interface CoreAssignment {
  readonly strategy: PlacementStrategy;
  /** Logical core of each neuron. */
  readonly coreOf: Int32Array;
  readonly cores: number;
  readonly neuronsOnCore: Uint32Array;
  readonly axonsOnCore: Uint32Array;
  /** Neurons allowed per core: the platform's, or fewer to fit its fan-out limit. */
  readonly neuronCap: number;
}

export interface Placement extends CoreAssignment {
  /** Cores in use, including hardware-only cores (TrueNorth relays). */
  readonly totalCores: number;
  readonly layout: MachineLayout;
  /** Router node and chip of each core. */
  readonly coreNode: Int32Array;
  readonly coreChip: Int32Array;
  /** Chips holding at least one used core. */
  readonly chipsUsed: number;
}

export function assignCores(
  net: NetworkShape,
  conn: Connectivity,
  platform: Platform,
  strategy: PlacementStrategy,
  neuronCap = platform.capacity.neuronsPerCore,
): CoreAssignment {
  const filler = new CoreFiller(net, conn, platform, neuronCap);
  if (strategy === 'sequential') fillSequential(filler, conn.neurons);
  else if (strategy === 'clustered') fillClustered(filler, conn);
  else throw unknownName('placement', strategy, PLACEMENT_STRATEGIES);
  return {
    strategy,
    coreOf: filler.coreOf,
    cores: filler.cores,
    neuronsOnCore: Uint32Array.from(filler.neuronsOnCore),
    axonsOnCore: Uint32Array.from(filler.axonsOnCore),
    neuronCap: Math.min(neuronCap, platform.capacity.neuronsPerCore),
  };
}

/** The most core-to-core fan-out edges of any core (Σ over its neurons of distinct target cores). */
export function maxFanOutEdges(conn: Connectivity, a: CoreAssignment): number {
  const edges = new Float64Array(a.cores);
  const stamp = new Int32Array(a.cores);
  for (let v = 0; v < conn.neurons; v++) {
    let targets = 0;
    for (let e = conn.outStart[v]!; e < conn.outStart[v + 1]!; e++) {
      const c = a.coreOf[conn.outTarget[e]!]!;
      if (stamp[c] !== v + 1) {
        stamp[c] = v + 1;
        targets++;
      }
    }
    edges[a.coreOf[v]!]! += targets;
  }
  let max = 0;
  for (const x of edges) max = Math.max(max, x);
  return max;
}

/**
 * Fan-out edges per core depend on where the targets land, known only after
 * placement: places, then lowers the neurons per core in proportion to the
 * worst core's excess until every core fits (Loihi's 4,096 edges) or one
 * neuron per core is reached (the traffic plan then names the core). Each
 * round cuts the fullest core's count by at least one.
 */
export function assignWithinFanOut(
  net: NetworkShape,
  conn: Connectivity,
  platform: Platform,
  strategy: PlacementStrategy,
): CoreAssignment {
  const limit = platform.capacity.fanOutEdgesPerCore;
  let cap = platform.capacity.neuronsPerCore;
  for (;;) {
    const a = assignCores(net, conn, platform, strategy, cap);
    if (limit === null || cap === 1) return a;
    const worst = maxFanOutEdges(conn, a);
    if (worst <= limit) return a;
    // scale from the fullest core, not the cap: another limit (axons) may bind first
    let full = 0;
    for (const k of a.neuronsOnCore) full = Math.max(full, k);
    cap = Math.max(1, Math.min(full - 1, Math.floor((full * limit) / worst)));
  }
}

/** Gives every core (and `extraCores` hardware-only cores after them) a slot on the machine. */
export function placeCores(
  assignment: CoreAssignment,
  platform: Platform,
  extraCores = 0,
): Placement {
  const total = assignment.cores + extraCores;
  const order: SlotOrder = assignment.strategy === 'clustered' ? 'serpentine' : 'row-major';
  const layout = buildLayout(platform, total, order);
  const coreNode = layout.slotNode.slice(0, total);
  const coreChip = new Int32Array(total);
  const chips = new Set<number>();
  for (let c = 0; c < total; c++) {
    coreChip[c] = layout.nodeChip[coreNode[c]!]!;
    chips.add(coreChip[c]!);
  }
  return { ...assignment, totalCores: total, layout, coreNode, coreChip, chipsUsed: chips.size };
}

/** JSON-ready summary of a placement. */
export interface PlacementSummary {
  readonly strategy: PlacementStrategy;
  readonly cores: number;
  readonly relayCores: number;
  readonly chips: number;
  /** `cap` is below `limit` when fewer neurons per core were needed to fit the fan-out limit. */
  readonly neuronsPerCore: {
    readonly max: number;
    readonly mean: number;
    readonly cap: number;
    readonly limit: number;
  };
  readonly axonsPerCore: { readonly max: number; readonly limit: number | null };
  readonly machine: {
    readonly topology: string;
    readonly width: number;
    readonly height: number;
    readonly chipsX: number;
    readonly chipsY: number;
  };
}

export function summarisePlacement(p: Placement, platform: Platform): PlacementSummary {
  let maxN = 0;
  let sumN = 0;
  let maxA = 0;
  for (let c = 0; c < p.cores; c++) {
    maxN = Math.max(maxN, p.neuronsOnCore[c]!);
    sumN += p.neuronsOnCore[c]!;
    maxA = Math.max(maxA, p.axonsOnCore[c]!);
  }
  return {
    strategy: p.strategy,
    cores: p.totalCores,
    relayCores: p.totalCores - p.cores,
    chips: p.chipsUsed,
    neuronsPerCore: {
      max: maxN,
      mean: p.cores > 0 ? sumN / p.cores : 0,
      cap: p.neuronCap,
      limit: platform.capacity.neuronsPerCore,
    },
    axonsPerCore: { max: maxA, limit: platform.capacity.axonsPerCore },
    machine: {
      topology: p.layout.topology.kind,
      width: p.layout.topology.width,
      height: p.layout.topology.height,
      chipsX: p.layout.chipsX,
      chipsY: p.layout.chipsY,
    },
  };
}

/**
 * A placement decided elsewhere (a TrueNorth deployment builds its cores
 * itself): each neuron's core given, capacities checked, the core naming
 * the limit it breaks. `strategy` only chooses the slot order on the machine.
 */
export function fixedAssignment(
  conn: Connectivity,
  platform: Platform,
  coreOf: Int32Array,
  cores: number,
  strategy: PlacementStrategy,
): CoreAssignment {
  if (!PLACEMENT_STRATEGIES.includes(strategy))
    throw unknownName('placement', strategy, PLACEMENT_STRATEGIES);
  const c = platform.capacity;
  const slots = c.axonKey === 'neuron-delay' ? (c.maxDelayTicks ?? 0) + 1 : 1;
  const neuronsOnCore = new Uint32Array(cores);
  const axonsOnCore = new Uint32Array(cores);
  const byCore = new Uint32Array(cores + 1);
  for (let v = 0; v < conn.neurons; v++) byCore[coreOf[v]! + 1]!++;
  for (let k = 0; k < cores; k++) byCore[k + 1]! += byCore[k]!;
  const order = new Uint32Array(conn.neurons);
  const fill = byCore.slice(0, cores);
  for (let v = 0; v < conn.neurons; v++) order[fill[coreOf[v]!]!++] = v;
  const stamp = new Int32Array(conn.neurons * slots);
  for (let k = 0; k < cores; k++) {
    for (let o = byCore[k]!; o < byCore[k + 1]!; o++) {
      const v = order[o]!;
      neuronsOnCore[k]!++;
      for (let e = conn.inStart[v]!; e < conn.inStart[v + 1]!; e++) {
        const key = slots === 1 ? conn.inSource[e]! : conn.inSource[e]! * slots + conn.inDelay[e]!;
        if (stamp[key] === k + 1) continue;
        stamp[key] = k + 1;
        axonsOnCore[k]!++;
      }
    }
    const axonCap = c.axonsPerCore ?? Number.POSITIVE_INFINITY;
    if (neuronsOnCore[k]! > c.neuronsPerCore || axonsOnCore[k]! > axonCap) {
      throw new SpikelabError(
        'CONSTRAINT_VIOLATION',
        `${platform.name}: core ${k} holds ${neuronsOnCore[k]} neurons on ${axonsOnCore[k]} axons; allowed: at most ${c.neuronsPerCore} neurons and ${axonCap} axons per core`,
      );
    }
  }
  return { strategy, coreOf, cores, neuronsOnCore, axonsOnCore, neuronCap: c.neuronsPerCore };
}
