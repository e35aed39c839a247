/**
 * Human-readable views of a comparison report: the Markdown tables the CLI
 * prints and the page shows (the same rows), and the CSV of accuracy
 * against time. Pure functions of the report; browser-safe.
 */
import { formatJoules, formatSeconds } from '../../core/format.ts';
import { energyColumns, energyRows, energySources } from './format-energy.ts';
import type { CompareReport, Comparison, NetworkEntry } from './schema.ts';

export { energyColumns, energyRows, energySources } from './format-energy.ts';

export const pct = (v: number | null | undefined) =>
  v == null ? '—' : `${(100 * v).toFixed(2)} %`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');
const sci = (v: number) =>
  v === 0 ? '0' : v >= 1e6 ? v.toExponential(2).replace('e+', 'e') : int(v);

/** `97.77 % [95.67, 98.87]`: the accuracy and its 95 % Wilson interval in points. */
export function accuracyCell(a: NetworkEntry['accuracy']): string {
  if (a === null) return '—';
  const w = a.wilson95;
  return `${pct(a.value)} [${(100 * w.low).toFixed(2)}, ${(100 * w.high).toFixed(2)}]`;
}

/** A network's short name for headers and pair rows: `ANN`, `SNN`, or its id. */
export function shortName(n: NetworkEntry): string {
  return n.id === 'ann' || n.id === 'snn' ? n.id.toUpperCase() : n.id;
}

function row(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

export function markdownTable(head: string[], align: string[], rows: string[][]): string {
  return `${[row(head), row(align), ...rows.map(row)].join('\n')}\n`;
}

/** The side-by-side rows: one column per network (Markdown table and web page alike). */
export function networkRows(r: CompareReport): { head: string[]; rows: string[][] } {
  const nets = r.networks;
  const head = ['', ...nets.map((n) => n.label)];
  const rows: string[][] = [];
  const add = (label: string, cell: (n: NetworkEntry) => string) =>
    rows.push([label, ...nets.map(cell)]);
  add('network', (n) => n.description);
  if (r.task === 'classification') {
    add('test accuracy [95 % CI]', (n) => {
      const cell = accuracyCell(n.accuracy);
      return n.latency.kind === 'ticks' ? `${cell} after ${n.latency.timesteps} ticks` : cell;
    });
    if (nets.some((n) => n.spiking?.agreementWithAnn != null))
      add('same class as the ANN', (n) => pct(n.spiking?.agreementWithAnn));
  } else {
    add('test loss', (n) =>
      n.loss === null ? '—' : `${n.loss.toFixed(4)} (${n.rate?.training.loss ?? ''})`,
    );
  }
  const nb = (label: string, f: (x: NetworkEntry['neurobench']) => string) =>
    add(label, (n) => f(n.neurobench));
  nb('Footprint', (x) => `${int(x.Footprint)} B`);
  nb('ConnectionSparsity', (x) => x.ConnectionSparsity.toFixed(3));
  nb('ActivationSparsity', (x) => x.ActivationSparsity.toFixed(3));
  nb('SynapticOperations.Effective_MACs', (x) => sci(x.SynapticOperations.Effective_MACs));
  nb('SynapticOperations.Effective_ACs', (x) => sci(x.SynapticOperations.Effective_ACs));
  nb('SynapticOperations.Dense', (x) => sci(x.SynapticOperations.Dense));
  nb('MembraneUpdates', (x) => (x.MembraneUpdates === null ? '—' : sci(x.MembraneUpdates)));
  add('spikes per inference', (n) => (n.spiking ? sci(n.spiking.counts.spikesPerInference) : '—'));
  add('latency (ticks)', (n) => {
    const l = n.latency;
    if (l.kind === 'forward-pass') return '1 forward pass';
    return `prediction settles: mean ${l.settle.mean.toFixed(1)}, median ${l.settle.median.toFixed(0)}, p95 ${l.settle.p95.toFixed(0)}; accuracy within 1 % of final from tick ${l.withinOnePercent}`;
  });
  add('wall clock per sample', (n) => {
    const w = r.wallClock.networks[n.id];
    if (!w || w.secondsPerSample === null) return '—';
    return `${formatSeconds(w.secondsPerSample)}${w.backend ? ` (${w.backend})` : ''}`;
  });
  for (const p of r.settings.platforms) {
    add(`energy per inference: ${p}`, (n) => {
      const e = n.energy[p];
      if (e === undefined) return '—';
      if (!e.mappable) return `not mappable: ${e.reason}`;
      return `${e.complete ? '' : '≥ '}${formatJoules(e.totalJoules)}`;
    });
  }
  return { head, rows };
}

export function comparisonTable(r: CompareReport): string {
  const { head, rows } = networkRows(r);
  return markdownTable(
    head,
    head.map(() => '---'),
    rows,
  );
}

export const STATISTICS_COLUMNS = [
  'pair',
  'both right',
  'only first right',
  'only second right',
  'both wrong',
  'McNemar p',
  'verdict',
];

/** The verdict of a pair at the 5 % level, in words. */
export function verdict(c: Comparison, first: string, second: string): string {
  if (!c.significant) return 'no significant difference';
  return `${c.onlyFirst > c.onlySecond ? first : second} is more accurate (p < 0.05)`;
}

/** One row per pair of networks on the same samples, under STATISTICS_COLUMNS. */
export function statisticsRows(r: CompareReport): string[][] {
  const name = (id: string) => {
    const n = r.networks.find((x) => x.id === id);
    return n ? shortName(n) : id;
  };
  return r.comparisons.map((c) => [
    `${name(c.first)} vs ${name(c.second)}`,
    int(c.bothRight),
    int(c.onlyFirst),
    int(c.onlySecond),
    int(c.bothWrong),
    c.pValue < 1e-4 ? c.pValue.toExponential(1) : c.pValue.toFixed(4),
    verdict(c, name(c.first), name(c.second)),
  ]);
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

/** Per-layer conversion diagnostics of one network, one row per layer under LAYER_COLUMNS. */
export function layerRows(n: NetworkEntry): string[][] {
  return (n.layers ?? []).map((l) => {
    const norm = n.spiking?.conversion?.normalisation.find((x) => x.layer === l.layer);
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

/** A spiking network's platforms in detail, one row per platform under HARDWARE_COLUMNS. */
export function hardwareRows(n: NetworkEntry): string[][] {
  const s = n.spiking;
  if (!s) return [];
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
              : `${pct(h.onChip.accuracy)} (float SNN ${pct(n.accuracy?.value)})`,
          h.changes.join('; ') || '—',
        ]
      : [name, '—', '—', '—', '—', '—', '—', '—', `not mappable: ${h.reason}`],
  );
}

const right = (k: number) => ['---', ...Array.from({ length: k }, () => '---:')];

/** Every table of the report, with headings and the energy tables' sources. */
export function reportMarkdown(r: CompareReport): string {
  const spiking = r.networks.filter((n) => n.spiking);
  const first = spiking[0]?.spiking;
  const enc = first
    ? `, T = ${first.timesteps} ticks, ${first.encoding.kind} input, ${first.readout.kind} readout`
    : '';
  const parts = [
    `## ${r.dataset}: ${r.networks.map(shortName).join(' vs ')} (seed ${r.seed}${enc}, ${int(r.settings.testSamples)} test samples)\n\n`,
    comparisonTable(r),
  ];
  for (const x of r.notApplicable) parts.push(`\n${x.label}: not applicable (${x.reason}).\n`);
  if (r.comparisons.length > 0) {
    parts.push(
      `\nStatistics (McNemar's exact test on the ${int(r.settings.testSamples)} test samples; accuracies above with 95 % Wilson intervals):\n\n`,
      markdownTable(STATISTICS_COLUMNS, right(5).concat('---'), statisticsRows(r)),
    );
  }
  parts.push(
    '\nEnergy per inference, priced alike (dynamic: events × cost; static: idle power × the time one inference takes there):\n\n',
    markdownTable(energyColumns, ['---', '---', ...right(5).slice(1)], energyRows(r)),
  );
  for (const n of spiking) {
    const name = shortName(n);
    if (n.layers && n.layers.length > 0) {
      parts.push(
        `\nPer layer (${name}: ANN activation vs SNN rate × λ):\n\n`,
        markdownTable(LAYER_COLUMNS, right(7), layerRows(n)),
      );
    }
    parts.push(
      `\nPlatforms (${name}, per inference):\n\n`,
      markdownTable(
        HARDWARE_COLUMNS,
        ['---', '---:', '---:', '---:', '---:', '---:', '---', '---', '---'],
        hardwareRows(n),
      ),
    );
  }
  const sources = energySources(r);
  if (sources.size > 0) {
    parts.push('\nEnergy tables:\n');
    for (const [t, src] of sources) parts.push(`- ${t}: ${src}\n`);
  }
  for (const note of r.notes) parts.push(`\nNote: ${note}.\n`);
  return parts.join('');
}

/** The name of a report's files without extension: `compare-digits-current-T100-seed0`. */
export function reportBaseName(r: CompareReport): string {
  return `compare-${r.dataset}-${r.settings.encoding}-T${r.settings.timesteps}-seed${r.seed}`;
}

/** `tick,<id>_accuracy…,ann_accuracy`: one column per spiking network, then the rate network's (constant). */
export function accuracyCsv(r: CompareReport): string {
  const spiking = r.networks.filter((n) => n.accuracyByTick !== null);
  const ann = r.networks.find((n) => n.id === 'ann')?.accuracy?.value ?? '';
  const head = ['tick', ...spiking.map((n) => `${n.id}_accuracy`), 'ann_accuracy'].join(',');
  const T = Math.max(0, ...spiking.map((n) => n.accuracyByTick!.length));
  const lines = Array.from({ length: T }, (_, t) =>
    [t + 1, ...spiking.map((n) => n.accuracyByTick![t] ?? ''), ann].join(','),
  );
  return `${[head, ...lines].join('\n')}\n`;
}
