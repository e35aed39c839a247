/**
 * The report's one writer and its reader. `parseReport` reads every version
 * (1 and 2 are upgraded, upgrade.ts) and names the field at fault, with
 * what it allows; the CLI's `report` command, the web page and the tests
 * read through it.
 */
import { SpikelabError } from '../../core/errors.ts';
import { parse } from '../../core/schema.ts';
import {
  COMPARE_REPORT_SCHEMA_VERSION,
  type CompareReport,
  compareReportSchema,
  READABLE_REPORT_VERSIONS,
} from './schema.ts';
import { upgradeReport } from './upgrade.ts';
import { compareReportV2 } from './v2.ts';

/** Ids unique, and every comparison naming two of them. */
function checkIds(r: CompareReport, where: string): CompareReport {
  const ids = new Set<string>();
  r.networks.forEach((n, i) => {
    if (ids.has(n.id)) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${where}.networks.${i}.id: got ${JSON.stringify(n.id)} twice; allowed: an id no other network has`,
      );
    }
    ids.add(n.id);
  });
  r.comparisons.forEach((c, i) => {
    for (const side of ['first', 'second'] as const) {
      if (!ids.has(c[side])) {
        throw new SpikelabError(
          'INVALID_FILE',
          `${where}.comparisons.${i}.${side}: got ${JSON.stringify(c[side])}; allowed: one of ${[...ids].join(', ')}`,
        );
      }
    }
  });
  return r;
}

/** The one writer: validates, then JSON with two-space indentation and a final newline. */
export function serializeReport(report: CompareReport): string {
  const checked = checkIds(parse(compareReportSchema, report, 'report'), 'report');
  return `${JSON.stringify(checked, null, 2)}\n`;
}

/** JSON text, or data already parsed. */
export function jsonOf(input: string | unknown, where: string): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${where}: not JSON (${(e as Error).message})`);
  }
}

/**
 * Reads a comparison report of any readable version (text or parsed JSON)
 * as version 3, with a field-naming error when it does not follow its
 * version's schema; `where` starts the field names (a file name).
 */
export function parseReport(input: string | unknown, where = 'report'): CompareReport {
  const data = jsonOf(input, where);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: got ${data === null ? 'null' : Array.isArray(data) ? 'an array' : typeof data}; allowed: a comparison report (a JSON object written by spikelab compare)`,
    );
  }
  const d = data as { schemaVersion?: unknown; kind?: unknown };
  const allowed = READABLE_REPORT_VERSIONS.join(', ');
  if (d.schemaVersion === undefined) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.schemaVersion: missing; allowed: ${allowed} (not a comparison report written by spikelab compare?)`,
    );
  }
  if (d.kind === 'seeds') {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.kind: got "seeds"; allowed: a single comparison (this is a summary over seeds: open one of its reports, or read it with parseAnyReport)`,
    );
  }
  if (d.schemaVersion === 1 || d.schemaVersion === 2) {
    return upgradeReport(parse(compareReportV2, data, where, 'INVALID_FILE'));
  }
  if (d.schemaVersion !== COMPARE_REPORT_SCHEMA_VERSION) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.schemaVersion: got ${JSON.stringify(d.schemaVersion)}; allowed: ${allowed} (the comparison report versions this spikelab reads)`,
    );
  }
  return checkIds(parse(compareReportSchema, data, where, 'INVALID_FILE'), where);
}
