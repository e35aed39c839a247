/**
 * The energy table of a report: for every network and platform, the
 * dynamic energy, the total with static power for the cores used and for
 * whole chips, the time one inference takes and the energy-delay product,
 * side by side; and the papers behind each term.
 */
import { formatJoules, formatSeconds } from '../../core/format.ts';
import type { CompareReport, EnergyEntry, MappableEnergy, NetworkEntry } from './schema.ts';

export const energyColumns = [
  'network',
  'platform',
  'dynamic',
  '+ static (used cores)',
  '+ static (whole chips)',
  'time per inference',
  'energy × delay',
];

/** `6.69 µJ`, with ≥ when some term is unpriced. */
function joules(v: number | null, bound: boolean): string {
  if (v === null) return 'unpriced';
  return `${bound ? '≥ ' : ''}${formatJoules(v)}`;
}

function timeCell(e: MappableEnergy): string {
  if (e.secondsPerInference === null) return `unpriced (${e.time.note})`;
  const how =
    e.time.model === 'fixed-tick'
      ? `${e.time.ticks} ticks`
      : e.time.model === 'busiest-core'
        ? 'busiest core + barrier'
        : e.time.model === 'roofline'
          ? 'roofline'
          : e.time.model;
  return `${e.time.lowerBound ? '≥ ' : ''}${formatSeconds(e.secondsPerInference)} (${how})`;
}

/** The cells of one entry after network and platform. */
export function energyCells(e: EnergyEntry): string[] {
  if (!e.mappable) return [`not mappable: ${e.reason}`, '—', '—', '—', '—'];
  const bound = !e.complete;
  const staticUnpriced = e.staticJoules.usedCores === null;
  const whole =
    e.staticJoules.wholeChips === null ? null : e.dynamicJoules + e.staticJoules.wholeChips;
  return [
    joules(e.dynamicJoules, bound && !staticUnpriced),
    staticUnpriced ? 'static unpriced' : joules(e.totalJoules, bound),
    staticUnpriced ? 'static unpriced' : joules(whole, bound),
    timeCell(e),
    e.energyDelayProduct === null
      ? '—'
      : `${bound || e.time.lowerBound ? '≥ ' : ''}${e.energyDelayProduct.toExponential(2)} J·s`,
  ];
}

/** One row per network and platform it was priced on, under energyColumns. */
export function energyRows(r: CompareReport): string[][] {
  const rows: string[][] = [];
  const name = (n: NetworkEntry) => (n.id === 'ann' || n.id === 'snn' ? n.id.toUpperCase() : n.id);
  for (const n of r.networks) {
    for (const p of r.settings.platforms) {
      const e = n.energy[p];
      if (e !== undefined) rows.push([name(n), p, ...energyCells(e)]);
    }
  }
  return rows;
}

/** Each energy table used by the report, with the papers of its dynamic, static and time terms. */
export function energySources(r: CompareReport): Map<string, string> {
  const sources = new Map<string, string>();
  for (const n of r.networks) {
    for (const e of Object.values(n.energy)) {
      if (!e.mappable || sources.has(e.table)) continue;
      const s = e.sources;
      const parts = [s.dynamic];
      // a term's source is named when the dynamic line does not already cite its paper
      const cited = (src: string) => s.dynamic.includes(src.split(/[,(]/)[0]!.trim());
      if (!cited(s.static)) parts.push(`static: ${s.static}`);
      if (s.time !== 'none' && !cited(s.time)) parts.push(`time: ${s.time}`);
      sources.set(e.table, parts.join('; '));
    }
  }
  return sources;
}
