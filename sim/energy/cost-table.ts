/**
 * Energy cost tables and the one function that turns event counts into joules.
 *
 * Energy = Σ_kind count(kind) × cost(kind) + static power per chip × seconds, the
 * static term charged for the cores a run occupies (and, beside it, for the
 * whole chips it touches).
 * Counting happens where events happen (hardware counters, rate-engine kernels);
 * this function runs afterwards, never inside a tick loop.
 *
 * Every cost carries its provenance: `verified` (read against the primary
 * paper or a verbatim transcription of it), `derived` (arithmetic on verified
 * figures, shown in `note`), `secondary` (quoted by someone else; the primary
 * was not read), `assumed` (a modelling choice, said so), `included` (no
 * separate cost: another entry of the same table already contains it, so
 * charging it would count it twice) or `unknown` (nothing published: the
 * energy of a run that has such events is reported as incomplete, never
 * filled with an invented number).
 */

import { invalid } from '../../src/core/errors.ts';
import type { CostStatus } from './provenance.ts';
import type { TimeModel } from './time-model.ts';

/** The kinds of events a cost table can price. */
export const EVENT_KINDS = [
  /** One neuron state update in one tick. */
  'neuronUpdate',
  /** One spike emitted by a neuron. */
  'spike',
  /** One synaptic event: a spike arriving at one synapse. */
  'synapticEvent',
  /** One packet injected into the network (one per source core per spike). */
  'packet',
  /** One packet copy delivered to a target core. */
  'delivery',
  /** One router-to-router traversal along the east–west axis. */
  'hopEastWest',
  /** One traversal along the north–south axis. */
  'hopNorthSouth',
  /** One traversal along the diagonal (NE–SW) axis of a triangular torus. */
  'hopDiagonal',
  /** One traversal of a link between two chips (in addition to its hop). */
  'chipCrossing',
  /** Multiply–accumulate (rate network). */
  'mac',
  /** Accumulate only (a binary input times a weight). */
  'ac',
  /** One 64-bit on-chip SRAM access. */
  'sramAccess',
  /** One 64-bit off-chip DRAM access. */
  'dramAccess',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export type { CostStatus } from './provenance.ts';

export interface CostEntry {
  /** Joules per event (or watts per chip for static power); null unless priced. */
  readonly joules: number | null;
  readonly status: CostStatus;
  /** Paper, year and table/figure/page, or the quoting source for `secondary`. */
  readonly source: string;
  /** Derivation, operating point, or why it is included/unknown. */
  readonly note?: string;
}

export interface EnergyTable {
  /** Registry key, e.g. `truenorth`. */
  readonly id: string;
  /** Human name of the platform and operating point. */
  readonly name: string;
  /** One line for reports: the papers the table rests on. */
  readonly source: string;
  /** Cost per event kind; a kind absent here is `unknown`. */
  readonly perEvent: Readonly<Partial<Record<EventKind, CostEntry>>>;
  /** Static power per chip in watts (null joules when unknown). */
  readonly staticWattsPerChip: CostEntry;
  /**
   * Cores that share one chip's static power: a network on k of them is
   * charged k / coresPerChip of it ("used cores"), as a chip shared by
   * several networks would be.
   */
  readonly coresPerChip: { readonly count: number; readonly source: string };
  /** How long a run takes on the device (time-model.ts). */
  readonly time: TimeModel;
}

/** Event counts of a run, plus what static power needs (time, chips and cores). */
export interface EnergyCounts {
  readonly events: Readonly<Partial<Record<EventKind, number>>>;
  /** Duration of the run on the device in seconds (its time model's). */
  readonly seconds: number;
  /** Chips the run touches. */
  readonly chips: number;
  /** Cores the run occupies (at most chips × coresPerChip). */
  readonly cores: number;
}

export interface EnergyReport {
  /** Σ count × cost over the priced kinds (J). */
  readonly dynamicJoules: number;
  /**
   * Static power × seconds, pro-rated to the cores occupied (`usedCores`)
   * and for every chip touched (`wholeChips`); null when the table has no
   * static figure (then `static` is among `unpriced`).
   */
  readonly staticJoules: { readonly usedCores: number | null; readonly wholeChips: number | null };
  /** dynamicJoules + staticJoules.usedCores: a lower bound when `complete` is false. */
  readonly joules: number;
  /** The run's duration the static terms were charged for. */
  readonly seconds: number;
  /** Joules per priced kind of event (dynamic only). Kinds with zero count are left out. */
  readonly breakdown: Readonly<Record<string, number>>;
  /** The table's report-facing source line. */
  readonly source: string;
  /** Where the static power figure comes from. */
  readonly staticSource: string;
  readonly table: string;
  /** False when a counted kind (or static power) has no published cost. */
  readonly complete: boolean;
  /** Kinds that were counted but have no cost (`unknown`), and `static` if unknown. */
  readonly unpriced: readonly string[];
}

/** A table entry for a kind whose cost is contained in another entry. */
export function included(source: string, note: string): CostEntry {
  return { joules: null, status: 'included', source, note };
}

/** A table entry for a kind with no published figure. */
export function unknownCost(note: string): CostEntry {
  return { joules: null, status: 'unknown', source: 'none found', note };
}

/**
 * Energy of a run from its counts and a cost table: Σ count × cost per kind
 * (dynamic), plus static power × seconds for the cores used and for whole
 * chips. Pure: same inputs, same report.
 */
export function computeEnergy(counts: EnergyCounts, table: EnergyTable): EnergyReport {
  const breakdown: Record<string, number> = {};
  const unpriced: string[] = [];
  let dynamic = 0;
  for (const kind of EVENT_KINDS) {
    const n = counts.events[kind] ?? 0;
    if (n === 0) continue;
    const entry = table.perEvent[kind];
    if (entry === undefined || entry.status === 'unknown') {
      unpriced.push(kind);
      continue;
    }
    if (entry.status === 'included' || entry.joules === null) continue;
    const e = n * entry.joules;
    breakdown[kind] = e;
    dynamic += e;
  }
  const capacity = counts.chips * table.coresPerChip.count;
  if (!(counts.cores >= 0 && counts.cores <= capacity)) {
    throw invalid(
      'cores',
      counts.cores,
      `0 to chips × coresPerChip = ${counts.chips} × ${table.coresPerChip.count} on ${table.name}`,
    );
  }
  const st = table.staticWattsPerChip;
  let usedCores: number | null = 0;
  let wholeChips: number | null = 0;
  if (counts.seconds > 0 && counts.chips > 0) {
    if (st.status === 'unknown' || st.joules === null) {
      usedCores = null;
      wholeChips = null;
      if (st.status !== 'included') unpriced.push('static');
    } else {
      const chipSeconds = st.joules * counts.seconds;
      wholeChips = chipSeconds * counts.chips;
      usedCores = (chipSeconds * counts.cores) / table.coresPerChip.count;
    }
  }
  return {
    dynamicJoules: dynamic,
    staticJoules: { usedCores, wholeChips },
    joules: dynamic + (usedCores ?? 0),
    seconds: counts.seconds,
    breakdown,
    source: table.source,
    staticSource: st.source,
    table: table.id,
    complete: unpriced.length === 0,
    unpriced,
  };
}

/** A copy of a table with one event cost replaced (sensitivity studies, tests). */
export function withCost(table: EnergyTable, kind: EventKind, joules: number): EnergyTable {
  const old = table.perEvent[kind];
  return {
    ...table,
    perEvent: {
      ...table.perEvent,
      [kind]: {
        joules,
        status: 'assumed',
        source: old?.source ?? 'caller',
        note: `overridden by the caller (was ${old?.joules ?? 'unpriced'})`,
      },
    },
  };
}
