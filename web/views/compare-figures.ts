/**
 * A comparison report drawn: the figures at a glance, accuracy against
 * ticks (the rate network as a reference line, the latencies marked),
 * energy per inference per platform, synaptic operations, the metrics table
 * (NeuroBench's names), the per-layer diagnostics and the platforms. Tables
 * are the CLI's own rows (report-format.ts), so page and terminal agree.
 */
import { formatJoules } from '../../src/core/format.ts';
import {
  comparisonRows,
  energySources,
  HARDWARE_COLUMNS,
  hardwareRows,
  LAYER_COLUMNS,
  layerRows,
} from '../../src/harness/report-format.ts';
import type { CompareReport, EnergyEntry, SnnReport } from '../../src/harness/report-schema.ts';
import { BarPlot, type BarSeries } from '../plots/bar-plot.ts';
import { LinePlot, type LineSeries } from '../plots/line-plot.ts';
import { populationColours } from '../plots/theme.ts';
import type { HeldReport } from '../report-store.ts';
import { fill, h, int, num } from '../ui/dom.ts';
import { dataTable } from '../ui/table.ts';
import { stat } from './summary-panel.ts';

export const ANN_COLOUR = populationColours[0];
export const SNN_COLOUR = populationColours[1];
const MARK_SETTLE = '#6a3d9a';
const MARK_WITHIN = '#009e73';

const PLATFORM_TITLES: Record<string, string> = {
  truenorth: 'TrueNorth',
  spinnaker: 'SpiNNaker',
  spinnaker2: 'SpiNNaker 2',
  loihi: 'Loihi',
  cpu: 'CPU',
  accelerator: 'Accelerator',
};

const pct = (v: number) => `${num(100 * v, 4)} %`;
const compact = new Intl.NumberFormat('en-US', {
  notation: 'compact',
  maximumSignificantDigits: 3,
});
/** 383,928 → "384K"; 1.33e6 → "1.33M". */
const ops = (v: number) => compact.format(v);

function card(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', { text: title }), ...children);
}

function swatches(items: [string, string][]): HTMLElement {
  return h(
    'ul',
    { class: 'legend' },
    ...items.map(([colour, label]) =>
      h('li', {}, h('span', { class: 'swatch', style: `background:${colour}` }), label),
    ),
  );
}

function plotBox(id: string): HTMLElement {
  return h('div', { class: 'plot', id, role: 'img' });
}

/** One bar per priced platform: the rate network on conventional ones, the spiking network on neuromorphic ones. */
export function energyBars(r: CompareReport): { categories: string[]; series: BarSeries[] } {
  const s = r.snn.applicable ? r.snn : null;
  const categories: string[] = [];
  const values: (number | null)[] = [];
  const colours: string[] = [];
  const missing: (string | null)[] = [];
  const prefix: (string | null)[] = [];
  for (const p of r.settings.platforms) {
    const rate = p in r.ann.energy;
    const e: EnergyEntry | undefined = rate ? r.ann.energy[p] : s?.energy[p];
    categories.push(`${PLATFORM_TITLES[p] ?? p}\n${rate ? 'ANN' : 'SNN'}`);
    colours.push(rate ? ANN_COLOUR : SNN_COLOUR);
    values.push(e?.mappable ? e.joulesPerInference : null);
    missing.push(
      e === undefined
        ? s
          ? 'not priced'
          : 'no spiking network'
        : e.mappable
          ? null
          : 'not mappable',
    );
    prefix.push(e?.mappable && !e.complete ? '≥ ' : null);
  }
  return {
    categories,
    series: [{ label: 'energy per inference', colour: colours, values, missing, prefix }],
  };
}

/** Effective and dense synaptic operations per inference, rate network beside spiking network. */
export function operationBars(r: CompareReport): BarSeries[] {
  const a = r.ann.neurobench.SynapticOperations;
  const s = r.snn.applicable ? r.snn.neurobench.SynapticOperations : null;
  return [
    { label: 'rate network (MACs)', colour: ANN_COLOUR, values: [a.Effective_MACs, a.Dense] },
    {
      label: 'spiking network (ACs)',
      colour: SNN_COLOUR,
      values: s ? [s.Effective_ACs, s.Dense] : [null, null],
      missing: ['no spiking network', 'no spiking network'],
    },
  ];
}

function energyNote(r: CompareReport): HTMLElement {
  const s = r.snn.applicable ? r.snn : null;
  const entries: [string, EnergyEntry | undefined][] = r.settings.platforms.map((p) => [
    p,
    r.ann.energy[p] ?? s?.energy[p],
  ]);
  const notes = entries.flatMap(([p, e]) => {
    const name = PLATFORM_TITLES[p] ?? p;
    if (e === undefined) return [];
    if (!e.mappable) return [h('li', { text: `${name}: not mappable — ${e.reason}` })];
    if (!e.complete)
      return [h('li', { text: `${name}: a lower bound (${e.unpriced.join(', ')} unpriced)` })];
    return [];
  });
  const sources = [...energySources(r)].map(([t, src]) =>
    h('li', {}, h('strong', { text: `${PLATFORM_TITLES[t] ?? t}: ` }), src),
  );
  return h(
    'div',
    { class: 'note' },
    notes.length ? h('ul', { class: 'plain' }, ...notes) : null,
    h(
      'details',
      {},
      h('summary', { text: 'Cost tables' }),
      h('ul', { class: 'plain' }, ...sources),
    ),
  );
}

export class CompareFigures {
  readonly element: HTMLElement;
  private readonly title = h('p', { class: 'run-title', id: 'compare-title' });
  private readonly stats = h('div', { class: 'stats-holder' });
  private readonly accuracyBox = plotBox('accuracy-plot');
  private readonly accuracyNote = h('p', { class: 'note' });
  private readonly energyBox = plotBox('energy-plot');
  private readonly energyNoteBox = h('div');
  private readonly opsBox = plotBox('ops-plot');
  private readonly metrics = h('div', { class: 'table-wrap' });
  private readonly layersBox = plotBox('layers-plot');
  private readonly layers = h('div', { class: 'table-wrap' });
  private readonly hardware = h('div', { class: 'table-wrap' });
  private readonly snnOnly: HTMLElement[];
  private readonly absent = h('p', { class: 'error', role: 'status' });
  private plots: { accuracy: LinePlot; energy: BarPlot; ops: BarPlot; layers: BarPlot } | null =
    null;

  constructor() {
    const paradigms = swatches([
      [ANN_COLOUR, 'rate network (ANN)'],
      [SNN_COLOUR, 'spiking network (SNN)'],
    ]);
    const accuracyCard = card('Accuracy versus time', this.accuracyBox, this.accuracyNote);
    const layersCard = card(
      'Per layer: ANN activation vs SNN rate × λ',
      swatches([
        [ANN_COLOUR, 'mean ANN activation'],
        [SNN_COLOUR, 'mean SNN rate × λ'],
      ]),
      this.layersBox,
      this.layers,
    );
    const hardwareCard = card('Platforms (per inference)', this.hardware);
    this.snnOnly = [accuracyCard, layersCard, hardwareCard];
    this.element = h(
      'div',
      { class: 'results' },
      this.title,
      this.stats,
      this.absent,
      accuracyCard,
      h(
        'div',
        { class: 'pair-cards' },
        card('Energy per inference', paradigms, this.energyBox, this.energyNoteBox),
        card(
          'Synaptic operations per inference',
          paradigms.cloneNode(true),
          this.opsBox,
          h('p', {
            class: 'note',
            text: 'Effective: MACs with a non-zero input (ANN), synaptic events (SNN). Dense: every connection at every time step.',
          }),
        ),
      ),
      card('Metrics (NeuroBench names)', this.metrics),
      layersCard,
      hardwareCard,
    );
  }

  /** Draws a report; the element must be in the page and shown (plots size themselves to it). */
  show(held: HeldReport): void {
    const r = held.report;
    const s = r.snn.applicable ? r.snn : null;
    this.plots ??= {
      accuracy: new LinePlot(this.accuracyBox, {
        height: 260,
        xLabel: 'tick (1 ms)',
        yLabel: 'accuracy (%)',
        yRange: [0, 100],
      }),
      energy: new BarPlot(this.energyBox, {
        height: 260,
        yLabel: 'J per inference',
        format: formatJoules,
      }),
      ops: new BarPlot(this.opsBox, { height: 260, yLabel: 'operations', format: ops }),
      layers: new BarPlot(this.layersBox, {
        height: 220,
        yLabel: 'activation',
        format: (v) => num(v),
        log: false,
      }),
    };
    const enc = s ? `, ${s.encoding.kind} input, ${s.readout.kind} readout` : '';
    this.title.textContent = `${r.dataset}: seed ${r.seed}, T = ${r.settings.timesteps} ticks${enc}, ${int(r.settings.testSamples)} test samples — ${held.source}`;
    fill(this.stats, this.statsOf(r, s));
    for (const el of this.snnOnly) el.hidden = s === null;
    this.absent.textContent = r.snn.applicable ? '' : `No spiking network: ${r.snn.reason}`;

    const e = energyBars(r);
    this.plots.energy.setData(e.categories, e.series);
    this.energyBox.setAttribute(
      'aria-label',
      `Energy per inference: ${e.categories.map((c, i) => `${c.replace('\n', ' · ')} ${e.series[0]!.values[i] === null ? e.series[0]!.missing![i] : formatJoules(e.series[0]!.values[i]!)}`).join('; ')}`,
    );
    fill(this.energyNoteBox, energyNote(r));
    const o = operationBars(r);
    this.plots.ops.setData(['effective', 'dense'], o);
    this.opsBox.setAttribute(
      'aria-label',
      `Synaptic operations per inference: ${o.map((x) => `${x.label} effective ${x.values[0] ?? '—'}, dense ${x.values[1] ?? '—'}`).join('; ')}`,
    );
    fill(
      this.metrics,
      dataTable(['', 'rate network (ANN)', 'spiking network (SNN)'], comparisonRows(r), {
        id: 'metrics-table',
      }),
    );
    if (s) this.showSpiking(r, s);
  }

  private statsOf(r: CompareReport, s: SnnReport | null): HTMLElement {
    const a = r.ann.accuracy;
    return h(
      'dl',
      { class: 'stats' },
      a === null
        ? stat('ANN test loss', num(r.ann.loss))
        : stat('ANN accuracy', pct(a), 'ann-accuracy'),
      s ? stat(`SNN accuracy (T ${s.timesteps})`, pct(s.accuracy), 'snn-accuracy') : null,
      s && a !== null ? stat('Difference', `${num(100 * (s.accuracy - a), 3)} pp`) : null,
      s
        ? stat(
            'Same class',
            pct(s.agreementWithAnn),
            undefined,
            'share of samples the two networks classify alike',
          )
        : null,
      s ? stat('Spikes / inference', int(s.counts.spikesPerInference)) : null,
      s
        ? stat(
            'Settles (median)',
            `tick ${num(s.latencyTicks.settle.median)}`,
            undefined,
            'per sample: the first tick from which the prediction stays on its final class',
          )
        : null,
      s
        ? stat(
            'Within 1 %',
            `tick ${s.latencyTicks.withinOnePercent}`,
            'within-one-percent',
            'accuracy stays ≥ 99 % of its final value from this tick',
          )
        : null,
    );
  }

  private showSpiking(r: CompareReport, s: SnnReport): void {
    const plots = this.plots!;
    const T = s.accuracyByTick.length;
    const ticks = Float64Array.from({ length: T }, (_, t) => t + 1);
    const series: LineSeries[] = [
      {
        label: 'spiking network',
        colour: SNN_COLOUR,
        values: s.accuracyByTick.map((v) => 100 * v),
        width: 2,
      },
    ];
    if (r.ann.accuracy !== null) {
      const ann = 100 * r.ann.accuracy;
      series.push({
        label: 'rate network',
        colour: ANN_COLOUR,
        values: new Float64Array(T).fill(ann),
        width: 1.5,
        dash: [6, 4],
      });
    }
    plots.accuracy.setData(ticks, series, [1, Math.max(2, T)]);
    const l = s.latencyTicks;
    plots.accuracy.setMarkers([
      {
        x: l.settle.median,
        label: `median sample settles: tick ${num(l.settle.median)}`,
        colour: MARK_SETTLE,
      },
      {
        x: l.withinOnePercent,
        label: `within 1 % of final: tick ${l.withinOnePercent}`,
        colour: MARK_WITHIN,
      },
    ]);
    this.accuracyNote.textContent = `Solid: the spiking network after each tick (${pct(s.accuracy)} at tick ${T}). Dashed: the rate network${r.ann.accuracy === null ? '' : ` (${pct(r.ann.accuracy)})`}. Latency: predictions settle at tick ${num(l.settle.mean)} on average (median ${num(l.settle.median)}, p95 ${num(l.settle.p95)}, max ${num(l.settle.max)}); accuracy stays within 1 % of its final value from tick ${l.withinOnePercent}. Drag to zoom, double-click to reset.`;
    this.accuracyBox.setAttribute(
      'aria-label',
      `Accuracy against ticks: ${pct(s.accuracyByTick[0] ?? 0)} at tick 1, ${pct(s.accuracy)} at tick ${T}; latency within 1 % at tick ${l.withinOnePercent}`,
    );

    plots.layers.setData(
      s.layers.map((x) => x.layer),
      [
        { label: 'ANN activation', colour: ANN_COLOUR, values: s.layers.map((x) => x.annMean) },
        { label: 'SNN rate × λ', colour: SNN_COLOUR, values: s.layers.map((x) => x.snnMean) },
      ],
    );
    this.layersBox.setAttribute(
      'aria-label',
      `Mean activation per layer: ${s.layers.map((x) => `${x.layer} ANN ${num(x.annMean)}, SNN ${num(x.snnMean)}`).join('; ')}`,
    );
    fill(
      this.layers,
      dataTable(LAYER_COLUMNS, layerRows(s), {
        id: 'layers-table',
        numeric: [1, 2, 3, 4, 5, 6, 7],
      }),
    );
    fill(
      this.hardware,
      dataTable(HARDWARE_COLUMNS, hardwareRows(s), {
        id: 'hardware-table',
        numeric: [1, 2, 3, 4, 5],
      }),
    );
  }
}
