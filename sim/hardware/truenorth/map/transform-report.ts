/**
 * What the TrueNorth mapping changed to fit the chip, as reported. A type of
 * its own because both sides need it: the generic mapping result
 * (../../map.ts `MappedNetwork`) and the hardware report carry it, while
 * the TrueNorth mapping (map.ts) builds on the generic mapping; keeping it
 * in either would make the two import each other.
 */

import type { RelayStats } from './relays.ts';
import type { QuantisationReport } from './weights.ts';

export interface TrueNorthTransformReport {
  readonly mode: 'transform' | 'reject';
  readonly relays: RelayStats;
  readonly weights: QuantisationReport;
  /** One line per kind of change, for the CLI and the closing note. */
  readonly changes: readonly string[];
}
