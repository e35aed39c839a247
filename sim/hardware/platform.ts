/**
 * One description shared by every neuromorphic platform: what fits on a core
 * and a chip, how fast a tick must finish, how chips are wired, and what each
 * event costs. Each platform module fills it in with a source per figure.
 *
 * Cores sit behind routers ("nodes"): one core per router on TrueNorth, four
 * per tile on Loihi, all application cores of a chip on SpiNNaker. Mesh
 * platforms tile their chips into one larger mesh; on SpiNNaker each chip is
 * one node of a triangular torus.
 */

import type { EnergyTable } from '../energy/cost-table.ts';

export type PlatformId = 'truenorth' | 'spinnaker' | 'spinnaker2' | 'loihi';

export type TopologyKind = 'mesh' | 'triangular-torus';

export interface Capacity {
  /** Neurons (or compartments) per core. */
  readonly neuronsPerCore: number;
  /** Distinct input lines (axons) per core; null when not the binding limit. */
  readonly axonsPerCore: number | null;
  /**
   * What makes two inputs of a core distinct axons: the presynaptic neuron,
   * or the presynaptic neuron and its delay (TrueNorth sets the delay at the
   * sender, so each delay needs its own axon).
   */
  readonly axonKey: 'neuron' | 'neuron-delay';
  /** Target cores one neuron may send to; null for multicast platforms. */
  readonly targetCoresPerNeuron: number | null;
  /** Core-to-core fan-out edges per core (Σ over its neurons of target cores). */
  readonly fanOutEdgesPerCore: number | null;
  /** Synapses one core can hold; null when not modelled. */
  readonly synapsesPerCore: number | null;
  /** Largest delay in ticks; null when not limited here. */
  readonly maxDelayTicks: number | null;
  /** Cores sharing one router (mesh tile or SpiNNaker chip). */
  readonly coresPerNode: number;
  /** Routers per chip along x and y (1 × 1 on SpiNNaker, where the chip is the node). */
  readonly nodesPerChipX: number;
  readonly nodesPerChipY: number;
  /** Multicast routing-table entries per chip; null when packets carry their route. */
  readonly routingEntriesPerChip: number | null;
  /** True when a core runs one population only (sPyNNaker places population slices). */
  readonly onePopulationPerCore: boolean;
}

export interface Timing {
  /** Real-time tick length in ms. */
  readonly tickMs: number;
  /** Synaptic events one core can process in one tick and still meet real time; null if unknown. */
  readonly synapticEventsPerCoreTick: number | null;
}

export interface Platform {
  readonly id: PlatformId;
  readonly name: string;
  readonly capacity: Capacity;
  readonly timing: Timing;
  readonly topology: TopologyKind;
  /**
   * Whether multicast routes are per source neuron, or per source core (one
   * key/mask entry per core: every spike of the core follows the union of
   * its neurons' trees, as on SpiNNaker).
   */
  readonly routeGranularity: 'neuron' | 'core';
  readonly energy: EnergyTable;
  /** Source of each figure above, keyed by field path (`capacity.neuronsPerCore`). */
  readonly sources: Readonly<Record<string, string>>;
}

export function coresPerChip(p: Platform): number {
  const c = p.capacity;
  return c.coresPerNode * c.nodesPerChipX * c.nodesPerChipY;
}

/** A copy of a platform with some capacities or timings replaced (studies, tests). */
export function withPlatform(
  p: Platform,
  change: { capacity?: Partial<Capacity>; timing?: Partial<Timing>; energy?: EnergyTable },
): Platform {
  return {
    ...p,
    capacity: { ...p.capacity, ...change.capacity },
    timing: { ...p.timing, ...change.timing },
    energy: change.energy ?? p.energy,
  };
}
