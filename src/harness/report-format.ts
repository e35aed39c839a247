/**
 * Human-readable views of a comparison report: the Markdown tables the CLI
 * prints (and the closing note of a run quotes) and the CSV of accuracy
 * against time. Pure functions of the report; browser-safe.
 */
import { formatJoules } from '../core/format.ts';
import type { CompareReport, EnergyEntry, SnnReport } from './report-schema.ts';

const pct = (v: number | null | undefined) => (v == null ? '—' : `${(100 * v).toFixed(2)} %`);
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const sci = (v: number) =>
  v === 0 ? '0' : v >= 1e6 ? v.toExponential(2).replace('e+', 'e') : int(v);

function seconds(s: number): string {
  return s >= 1
    ? `${s.toFixed(2)} s`
    : s >= 1e-3
      ? `${(s * 1e3).toFixed(2)} ms`
      : `${(s * 1e6).toFixed(1)} µs`;
}

/** `1.2 µJ (dramAccess 78 %, mac 20 %)`, or the reason it does not apply. */
export function energyCell(e: EnergyEntry | undefined): string {
  if (e === undefined) return '—';
  if (!e.mappable) return `not mappable: ${e.reason}`;
  const parts = Object.entries(e.breakdown)
    .filter(([, j]) => j > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([k, j]) => `${k} ${Math.round((100 * j) / Math.max(e.joulesPerInference, 1e-300))} %`);
  const bound = e.complete ? '' : ` (lower bound: ${e.unpriced.join(', ')} unpriced)`;
  return `${formatJoules(e.joulesPerInference)}${parts.length ? ` (${parts.join(', ')})` : ''}${bound}`;
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function snnNetwork(s: SnnReport): string {
  const sizes = s.network.populations.map((p) => p.neurons).join('-');
  return `${sizes} IF (non-leaky, reset by subtraction), ${s.encoding.kind} input, p${s.conversion.percentile} normalisation`;
}

/** The side-by-side rows: label, rate network, spiking network (Markdown table and web page alike). */
export function comparisonRows(r: CompareReport): [string, string, string][] {
  const a = r.ann;
  const s = r.snn.applicable ? r.snn : null;
  const na = r.snn.applicable ? '' : 'not applicable';
  const rows: [string, string, string][] = [];
  const add = (label: string, ann: string, snn: string) => rows.push([label, ann, snn]);
  add(
    'network',
    `${a.network.layers.join('-')} ${a.network.activation}${a.network.dropout ? `, dropout ${a.network.dropout}` : ''}`,
    s ? snnNetwork(s) : `${na}: ${r.snn.applicable ? '' : r.snn.reason}`,
  );
  if (r.task === 'classification') {
    const delta =
      s && a.accuracy !== null ? ` (${((s.accuracy - a.accuracy) * 100).toFixed(2)} pp)` : '';
    add(
      'test accuracy',
      pct(a.accuracy),
      s ? `${pct(s.accuracy)} after ${s.timesteps} ticks${delta}` : na,
    );
  } else {
    add(`test loss (${a.training.loss})`, a.loss.toFixed(4), na);
  }
  if (s) add('same class as the ANN', '—', pct(s.agreementWithAnn));
  const nb = (
    f: (x: CompareReport['ann']['neurobench']) => string,
    snnF?: (x: SnnReport) => string,
  ) => [f(a.neurobench), s ? (snnF ? snnF(s) : f(s.neurobench)) : na] as const;
  add('Footprint', ...nb((x) => `${int(x.Footprint)} B`));
  add('ConnectionSparsity', ...nb((x) => x.ConnectionSparsity.toFixed(3)));
  add('ActivationSparsity', ...nb((x) => x.ActivationSparsity.toFixed(3)));
  add('SynapticOperations.Effective_MACs', ...nb((x) => sci(x.SynapticOperations.Effective_MACs)));
  add('SynapticOperations.Effective_ACs', ...nb((x) => sci(x.SynapticOperations.Effective_ACs)));
  add('SynapticOperations.Dense', ...nb((x) => sci(x.SynapticOperations.Dense)));
  add('MembraneUpdates', '—', s ? sci(s.neurobench.MembraneUpdates) : na);
  add('spikes per inference', '—', s ? sci(s.counts.spikesPerInference) : na);
  if (s) {
    const l = s.latencyTicks;
    add(
      'latency (ticks)',
      '1 forward pass',
      `prediction settles: mean ${l.settle.mean.toFixed(1)}, median ${l.settle.median.toFixed(0)}, p95 ${l.settle.p95.toFixed(0)}; accuracy within 1 % of final from tick ${l.withinOnePercent}`,
    );
  }
  add(
    'wall clock per sample',
    seconds(r.wallClock.annSecondsPerSample),
    r.wallClock.snnSecondsPerSample == null
      ? na
      : `${seconds(r.wallClock.snnSecondsPerSample)} (${r.wallClock.snnBackend})`,
  );
  for (const p of r.settings.platforms) {
    add(`energy per inference: ${p}`, energyCell(a.energy[p]), s ? energyCell(s.energy[p]) : '—');
  }
  return rows;
}

function markdownTable(head: string[], align: string[], rows: string[][]): string {
  return `${[row(head), row(align), ...rows.map(row)].join('\n')}\n`;
}

/** The side-by-side table. */
export function comparisonTable(r: CompareReport): string {
  return markdownTable(
    ['', 'rate network (ANN)', 'spiking network (SNN)'],
    ['---', '---', '---'],
    comparisonRows(r),
  );
}

export const LAYER_COLUMNS = [
  'layer',
  'neurons',
  'λ (max / used)',
  'ANN mean',
  'SNN rate × λ',
  'correlation',
  'mean |error|',
  'clipped',
];

/** Per-layer conversion diagnostics, one row per layer under LAYER_COLUMNS. */
export function layerRows(s: SnnReport): string[][] {
  return s.layers.map((l) => {
    const norm = s.conversion.normalisation.find((x) => x.layer === l.layer);
    return [
      l.layer,
      int(l.neurons),
      `${norm ? norm.max.toFixed(3) : '—'} / ${l.lambda.toFixed(3)}`,
      l.annMean.toFixed(4),
      l.snnMean.toFixed(4),
      l.correlation === null ? '—' : l.correlation.toFixed(4),
      l.meanAbsError.toFixed(4),
      pct(l.clipped),
    ];
  });
}

/** Per-layer conversion diagnostics. */
export function layerTable(s: SnnReport): string {
  return markdownTable(
    LAYER_COLUMNS,
    ['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:'],
    layerRows(s),
  );
}

export const HARDWARE_COLUMNS = [
  'platform',
  'cores',
  'chips',
  'synaptic events',
  'packets',
  'hops',
  'real time',
  'on-chip accuracy',
  'changes',
];

/** Platforms in detail, one row per platform under HARDWARE_COLUMNS. */
export function hardwareRows(s: SnnReport): string[][] {
  return Object.entries(s.hardware).map(([name, h]) =>
    h.mappable
      ? [
          name,
          int(h.cores),
          int(h.chips),
          sci(h.synapticEventsPerInference),
          sci(h.packetsPerInference),
          sci(h.hopsPerInference),
          h.realTime === null
            ? 'unknown'
            : h.realTime
              ? 'yes'
              : `no (×${h.overrun!.toFixed(2)} over budget)`,
          h.onChip === null
            ? 'as simulated'
            : h.onChip.accuracy === null
              ? h.onChip.note
              : `${pct(h.onChip.accuracy)} (float SNN ${pct(s.accuracy)})`,
          h.changes.join('; ') || '—',
        ]
      : [name, '—', '—', '—', '—', '—', '—', '—', `not mappable: ${h.reason}`],
  );
}

/** Platforms in detail: cores, chips, traffic, real time. */
export function hardwareTable(s: SnnReport): string {
  return markdownTable(
    HARDWARE_COLUMNS,
    ['---', '---:', '---:', '---:', '---:', '---:', '---', '---', '---'],
    hardwareRows(s),
  );
}

/** Each energy table used by the report, with its papers. */
export function energySources(r: CompareReport): Map<string, string> {
  const s = r.snn.applicable ? r.snn : null;
  const sources = new Map<string, string>();
  for (const e of [...Object.values(r.ann.energy), ...(s ? Object.values(s.energy) : [])])
    if (e.mappable) sources.set(e.table, e.source);
  return sources;
}

/** Every table of the report, with headings and the energy tables' sources. */
export function reportMarkdown(r: CompareReport): string {
  const s = r.snn.applicable ? r.snn : null;
  const parts = [
    `## ${r.dataset}: rate network vs spiking network (seed ${r.seed}${s ? `, T = ${s.timesteps} ticks, ${s.encoding.kind} input, ${s.readout.kind} readout` : ''})\n\n`,
    comparisonTable(r),
  ];
  if (s) {
    parts.push('\nPer layer (ANN activation vs SNN rate × λ):\n\n', layerTable(s));
    parts.push('\nPlatforms (per inference):\n\n', hardwareTable(s));
  }
  const sources = energySources(r);
  if (sources.size > 0) {
    parts.push('\nEnergy tables:\n');
    for (const [t, src] of sources) parts.push(`- ${t}: ${src}\n`);
  }
  return parts.join('');
}

/** The name of a report's files without extension: `compare-digits-current-T100-seed0`. */
export function reportBaseName(r: CompareReport): string {
  return `compare-${r.dataset}-${r.settings.encoding}-T${r.settings.timesteps}-seed${r.seed}`;
}

/** `tick,snn_accuracy,ann_accuracy`, one line per tick. */
export function accuracyCsv(r: CompareReport): string {
  if (!r.snn.applicable) return 'tick,snn_accuracy,ann_accuracy\n';
  const ann = r.ann.accuracy ?? '';
  const lines = r.snn.accuracyByTick.map((a, t) => `${t + 1},${a},${ann}`);
  return `tick,snn_accuracy,ann_accuracy\n${lines.join('\n')}\n`;
}
