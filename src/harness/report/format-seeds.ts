/**
 * The tables of a comparison repeated over seeds: each figure as mean ± sd
 * per network, and each pair's accuracy difference with the number of
 * seeds in which it was significant.
 */
import { formatJoules, formatSeconds } from '../../core/format.ts';
import { markdownTable } from './format.ts';
import type { SeedFigure, SeedsReport } from './seeds.ts';

function value(v: number, unit: string): string {
  switch (unit) {
    case 'fraction':
      return `${(100 * v).toFixed(2)} %`;
    case 'J':
      return formatJoules(v);
    case 's':
      return formatSeconds(v);
    default:
      return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4);
  }
}

/** `97.55 % ± 0.62 %` */
export function meanSd(f: SeedFigure): string {
  const sd = f.unit === 'fraction' ? `${(100 * f.sd).toFixed(2)} %` : value(f.sd, f.unit);
  return `${value(f.mean, f.unit)} ± ${sd}`;
}

/** Rows: figures; columns: networks. */
export function seedsRows(s: SeedsReport): { head: string[]; rows: string[][] } {
  const nets = s.reports[0]!.networks;
  const names = [...new Set(s.figures.map((f) => f.figure))];
  const rows = names.map((name) => [
    name,
    ...nets.map((n) => {
      const f = s.figures.find((x) => x.network === n.id && x.figure === name);
      return f ? meanSd(f) : '—';
    }),
  ]);
  return { head: ['', ...nets.map((n) => n.label)], rows };
}

export function seedsMarkdown(s: SeedsReport): string {
  const { head, rows } = seedsRows(s);
  const nets = s.reports[0]!.networks;
  const short = (id: string) => (id === 'ann' || id === 'snn' ? id.toUpperCase() : id);
  const parts = [
    `## ${s.dataset}: ${nets.map((n) => short(n.id)).join(' vs ')} over ${s.seeds.length} seeds (${s.seeds.join(', ')}): mean ± sd\n\n`,
    markdownTable(
      head,
      head.map(() => '---'),
      rows,
    ),
  ];
  if (s.pairs.length > 0) {
    parts.push(
      '\nPairs (accuracy difference first − second, mean ± sd over seeds; McNemar’s exact test in each seed):\n\n',
      markdownTable(
        ['pair', 'accuracy difference', 'significant in', 'verdict'],
        ['---', '---:', '---:', '---'],
        s.pairs.map((p) => [
          `${short(p.first)} vs ${short(p.second)}`,
          `${(100 * p.accuracyDifference.mean).toFixed(2)} ± ${(100 * p.accuracyDifference.sd).toFixed(2)} pp`,
          `${p.significantSeeds} of ${p.pValues.length} seeds`,
          p.significantSeeds === 0
            ? 'no significant difference in any seed'
            : `significant (p < 0.05) in ${p.significantSeeds} of ${p.pValues.length} seeds`,
        ]),
      ),
    );
  }
  return parts.join('');
}
