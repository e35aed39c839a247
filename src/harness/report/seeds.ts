/**
 * A comparison repeated over seeds: every figure of every network as mean ±
 * sample standard deviation over the seeds, each pair's accuracy
 * difference and in how many seeds McNemar's test found it significant,
 * and the per-seed reports themselves, kept whole. Browser-safe.
 */
import { SpikelabError } from '../../core/errors.ts';
import { parse, z } from '../../core/schema.ts';
import { spread } from '../metrics/statistics.ts';
import { count, fraction, int, num } from './parts.ts';
import { jsonOf, parseReport } from './read.ts';
import {
  COMPARE_REPORT_SCHEMA_VERSION,
  type CompareReport,
  compareReportSchema,
  type NetworkEntry,
} from './schema.ts';

const figureSchema = z.object({
  network: z.string(),
  label: z.string(),
  figure: z.string(),
  unit: z.string(),
  mean: num,
  sd: count,
  n: int,
  min: num,
  max: num,
});

const pairSchema = z.object({
  first: z.string(),
  second: z.string(),
  /** Accuracy of the first minus the second, per seed. */
  accuracyDifference: z.object({ mean: num, sd: count }),
  pValues: z.array(fraction),
  /** Seeds in which McNemar's exact test gives p < 0.05. */
  significantSeeds: int,
});

export const seedsReportSchema = z.object({
  schemaVersion: z.literal(COMPARE_REPORT_SCHEMA_VERSION),
  kind: z.literal('seeds'),
  dataset: z.string(),
  seeds: z.array(int).min(1, { error: () => 'at least one seed' }),
  figures: z.array(figureSchema),
  pairs: z.array(pairSchema),
  reports: z.array(compareReportSchema).min(1, { error: () => 'at least one report' }),
});

export type SeedsReport = z.infer<typeof seedsReportSchema>;
export type SeedFigure = z.infer<typeof figureSchema>;

type Pick = (n: NetworkEntry, r: CompareReport) => number | null;

/** The figures summarised for each network: name, unit, and how to read it off one report. */
function figureList(r: CompareReport): { figure: string; unit: string; pick: Pick }[] {
  const list: { figure: string; unit: string; pick: Pick }[] = [
    { figure: 'test accuracy', unit: 'fraction', pick: (n) => n.accuracy?.value ?? null },
    { figure: 'test loss', unit: 'loss', pick: (n) => n.loss },
    {
      figure: 'spikes per inference',
      unit: 'spikes',
      pick: (n) => n.spiking?.counts.spikesPerInference ?? null,
    },
    {
      figure: 'latency: within 1 % of final',
      unit: 'ticks',
      pick: (n) => (n.latency.kind === 'ticks' ? n.latency.withinOnePercent : null),
    },
    {
      figure: 'SynapticOperations.Effective_ACs',
      unit: 'per inference',
      pick: (n) =>
        n.paradigm === 'spiking' ? n.neurobench.SynapticOperations.Effective_ACs : null,
    },
    {
      figure: 'SynapticOperations.Effective_MACs',
      unit: 'per inference',
      pick: (n) => (n.paradigm === 'rate' ? n.neurobench.SynapticOperations.Effective_MACs : null),
    },
  ];
  for (const p of r.settings.platforms) {
    const energy = (n: NetworkEntry) => {
      const e = n.energy[p];
      return e?.mappable ? e : null;
    };
    list.push(
      { figure: `energy on ${p}`, unit: 'J', pick: (n) => energy(n)?.totalJoules ?? null },
      {
        figure: `time on ${p}`,
        unit: 's',
        pick: (n) => energy(n)?.secondsPerInference ?? null,
      },
    );
  }
  return list;
}

/** Mean ± sd of every figure over the reports, and every pair's accuracy difference. */
export function summariseSeeds(reports: readonly CompareReport[]): SeedsReport {
  if (reports.length === 0) {
    throw new SpikelabError('INVALID_ARGUMENT', 'reports: got none; allowed: at least one report');
  }
  const first = reports[0]!;
  const figures: SeedFigure[] = [];
  for (const net of first.networks) {
    const mine = reports.map((r) => r.networks.find((n) => n.id === net.id));
    for (const f of figureList(first)) {
      const values = mine.flatMap((n, i) => {
        const v = n ? f.pick(n, reports[i]!) : null;
        return v === null || !Number.isFinite(v) ? [] : [v];
      });
      if (values.length === 0) continue;
      const s = spread(values);
      figures.push({ network: net.id, label: net.label, figure: f.figure, unit: f.unit, ...s });
    }
  }
  const pairs = first.comparisons.map((c) => {
    const per = reports.map((r) => {
      const x = r.comparisons.find((y) => y.first === c.first && y.second === c.second);
      const a = r.networks.find((n) => n.id === c.first)?.accuracy?.value;
      const b = r.networks.find((n) => n.id === c.second)?.accuracy?.value;
      return { x, diff: a !== undefined && b !== undefined ? a - b : null };
    });
    const diffs = per.flatMap((p) => (p.diff === null ? [] : [p.diff]));
    const d = diffs.length > 0 ? spread(diffs) : { mean: 0, sd: 0 };
    const pValues = per.flatMap((p) => (p.x ? [p.x.pValue] : []));
    return {
      first: c.first,
      second: c.second,
      accuracyDifference: { mean: d.mean, sd: d.sd },
      pValues,
      significantSeeds: per.filter((p) => p.x?.significant).length,
    };
  });
  return {
    schemaVersion: COMPARE_REPORT_SCHEMA_VERSION,
    kind: 'seeds',
    dataset: first.dataset,
    seeds: reports.map((r) => r.seed),
    figures,
    pairs,
    reports: [...reports],
  };
}

export function serializeSeedsReport(s: SeedsReport): string {
  return `${JSON.stringify(parse(seedsReportSchema, s, 'report'), null, 2)}\n`;
}

/** A single comparison (any readable version, as version 3) or a summary over seeds. */
export type AnyReport =
  | { kind: 'compare'; report: CompareReport }
  | { kind: 'seeds'; report: SeedsReport };

/** Reads either kind of report file, naming the field at fault. */
export function parseAnyReport(input: string | unknown, where = 'report'): AnyReport {
  const data = jsonOf(input, where);
  if (data !== null && typeof data === 'object' && (data as { kind?: unknown }).kind === 'seeds') {
    const version = (data as { schemaVersion?: unknown }).schemaVersion;
    if (version !== COMPARE_REPORT_SCHEMA_VERSION) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${where}.schemaVersion: got ${JSON.stringify(version)}; allowed: ${COMPARE_REPORT_SCHEMA_VERSION} (summaries over seeds exist from version 3)`,
      );
    }
    return { kind: 'seeds', report: parse(seedsReportSchema, data, where, 'INVALID_FILE') };
  }
  return { kind: 'compare', report: parseReport(data, where) };
}
