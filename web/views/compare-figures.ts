/**
 * A comparison report drawn, for any number of networks: the figures at a
 * glance (accuracies with their 95 % intervals, McNemar's verdict), accuracy
 * against ticks (one line per spiking network, the rate network as a
 * reference line, the latencies marked), energy per inference per network
 * and platform (static of the cores used beside whole chips), synaptic
 * operations, the statistics, energy and metrics tables, the per-layer
 * diagnostics and each spiking network's platforms. Tables are the CLI's
 * own rows (report/format.ts), so page and terminal agree.
 */
import { formatJoules } from '../../src/core/format.ts';
import {
  accuracyCell,
  energyColumns,
  energyRows,
  energySources,
  HARDWARE_COLUMNS,
  hardwareRows,
  LAYER_COLUMNS,
  layerRows,
  networkRows,
  STATISTICS_COLUMNS,
  shortName,
  statisticsRows,
  verdict,
} from '../../src/harness/report/format.ts';
import type { CompareReport, NetworkEntry } from '../../src/harness/report/schema.ts';
import { BarPlot } from '../plots/bar-plot.ts';
import { LinePlot, type LineSeries } from '../plots/line-plot.ts';
import type { HeldReport } from '../report-store.ts';
import { fill, h, int, num } from '../ui/dom.ts';
import { dataTable } from '../ui/table.ts';
import {
  energyBars,
  networkColour,
  operationBars,
  PLATFORM_TITLES,
  WHOLE_CHIPS_COLOUR,
} from './compare-bars.ts';
import { stat } from './summary-panel.ts';

export { energyBars, networkColour, operationBars } from './compare-bars.ts';

const MARK_SETTLE = '#6a3d9a';
const MARK_WITHIN = '#8c564b';

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

function energyNote(r: CompareReport): HTMLElement {
  const notes: HTMLElement[] = [];
  for (const n of r.networks) {
    for (const [p, e] of Object.entries(n.energy)) {
      const name = `${shortName(n)} on ${PLATFORM_TITLES[p] ?? p}`;
      if (!e.mappable) notes.push(h('li', { text: `${name}: not mappable — ${e.reason}` }));
      else if (!e.complete)
        notes.push(h('li', { text: `${name}: a lower bound (${e.unpriced.join(', ')} unpriced)` }));
    }
  }
  const sources = [...energySources(r)].map(([t, src]) =>
    h('li', {}, h('strong', { text: `${PLATFORM_TITLES[t] ?? t}: ` }), src),
  );
  return h(
    'div',
    { class: 'note' },
    h('p', {
      text: 'Dynamic energy is events × their cost; static energy is the device’s idle power over the time one inference takes there, charged for the cores the network occupies (coloured) or for every chip it touches (grey).',
    }),
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
  private readonly energyLegend = h('div');
  private readonly energyNoteBox = h('div');
  private readonly opsBox = plotBox('ops-plot');
  private readonly opsLegend = h('div');
  private readonly statistics = h('div', { class: 'table-wrap' });
  private readonly energyTable = h('div', { class: 'table-wrap' });
  private readonly metrics = h('div', { class: 'table-wrap' });
  private readonly layersBox = plotBox('layers-plot');
  private readonly layersTitle = h('h2', { text: 'Per layer: ANN activation vs SNN rate × λ' });
  private readonly layers = h('div', { class: 'table-wrap' });
  private readonly hardware = h('div', { class: 'table-wrap' });
  private readonly accuracyCard: HTMLElement;
  private readonly statisticsCard: HTMLElement;
  private readonly layersCard: HTMLElement;
  private readonly hardwareCard: HTMLElement;
  private readonly absent = h('p', { class: 'error', role: 'status' });
  private plots: { accuracy: LinePlot; energy: BarPlot; ops: BarPlot; layers: BarPlot } | null =
    null;

  constructor() {
    this.accuracyCard = card('Accuracy versus time', this.accuracyBox, this.accuracyNote);
    this.statisticsCard = card('Statistics: McNemar’s exact test', this.statistics);
    this.layersCard = h(
      'section',
      { class: 'card' },
      this.layersTitle,
      swatches([
        [networkColour(0), 'mean ANN activation'],
        [networkColour(1), 'mean SNN rate × λ'],
      ]),
      this.layersBox,
      this.layers,
    );
    this.hardwareCard = card('Platforms (per inference)', this.hardware);
    this.element = h(
      'div',
      { class: 'results' },
      this.title,
      this.stats,
      this.absent,
      this.accuracyCard,
      h(
        'div',
        { class: 'pair-cards' },
        card('Energy per inference', this.energyLegend, this.energyBox, this.energyNoteBox),
        card(
          'Synaptic operations per inference',
          this.opsLegend,
          this.opsBox,
          h('p', {
            class: 'note',
            text: 'Effective: MACs with a non-zero input (rate network), synaptic events (spiking networks). Dense: every connection at every time step.',
          }),
        ),
      ),
      this.statisticsCard,
      card('Energy, priced alike', this.energyTable),
      card('Metrics (NeuroBench names)', this.metrics),
      this.layersCard,
      this.hardwareCard,
    );
  }

  /** Draws a report; the element must be in the page and shown (plots size themselves to it). */
  show(held: HeldReport): void {
    const r = held.report;
    const spiking = r.networks.filter((n) => n.spiking);
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
    const first = spiking[0]?.spiking;
    const enc = first ? `, ${first.encoding.kind} input, ${first.readout.kind} readout` : '';
    this.title.textContent = `${r.dataset}: ${r.networks.map(shortName).join(' vs ')}, seed ${r.seed}, T = ${r.settings.timesteps} ticks${enc}, ${int(r.settings.testSamples)} test samples — ${held.source}`;
    fill(this.stats, this.statsOf(r));
    this.accuracyCard.hidden = spiking.length === 0;
    this.hardwareCard.hidden = spiking.length === 0;
    this.absent.textContent = r.notApplicable.map((x) => `No ${x.label}: ${x.reason}`).join(' ');

    const legend = r.networks.map((n, i): [string, string] => [networkColour(i), n.label]);
    fill(
      this.energyLegend,
      swatches([...legend, [WHOLE_CHIPS_COLOUR, 'with whole chips’ static power']]),
    );
    fill(this.opsLegend, swatches(legend));
    const e = energyBars(r);
    this.plots.energy.setData(e.categories, e.series);
    const used = e.series[0]!;
    this.energyBox.setAttribute(
      'aria-label',
      `Energy per inference with the static power of the cores used: ${e.categories.map((c, i) => `${c.replace('\n', ' · ')} ${used.values[i] === null ? used.missing![i] : formatJoules(used.values[i]!)}`).join('; ')}`,
    );
    fill(this.energyNoteBox, energyNote(r));
    const o = operationBars(r);
    this.plots.ops.setData(['effective', 'dense'], o);
    this.opsBox.setAttribute(
      'aria-label',
      `Synaptic operations per inference: ${o.map((x) => `${x.label} effective ${x.values[0] ?? '—'}, dense ${x.values[1] ?? '—'}`).join('; ')}`,
    );
    const rows = networkRows(r);
    fill(this.metrics, dataTable(rows.head, rows.rows, { id: 'metrics-table' }));
    this.statisticsCard.hidden = r.comparisons.length === 0;
    fill(
      this.statistics,
      dataTable(STATISTICS_COLUMNS, statisticsRows(r), {
        id: 'statistics-table',
        numeric: [1, 2, 3, 4, 5],
      }),
    );
    fill(
      this.energyTable,
      dataTable(energyColumns, energyRows(r), { id: 'energy-table', numeric: [2, 3, 4, 5, 6] }),
    );
    if (spiking.length > 0) this.showSpiking(r, spiking);
    const withLayers = spiking.find((n) => n.layers && n.layers.length > 0);
    this.layersCard.hidden = withLayers === undefined;
    if (withLayers) this.showLayers(withLayers);
  }

  private statsOf(r: CompareReport): HTMLElement {
    const items: (HTMLElement | null)[] = r.networks.map((n) =>
      n.accuracy === null
        ? stat(`${shortName(n)} test loss`, n.loss === null ? '—' : num(n.loss))
        : stat(
            `${shortName(n)} accuracy${n.latency.kind === 'ticks' ? ` (T ${n.latency.timesteps})` : ''}`,
            accuracyCell(n.accuracy),
            n.id === 'ann' ? 'ann-accuracy' : n.id === 'snn' ? 'snn-accuracy' : `${n.id}-accuracy`,
            '95 % Wilson interval in brackets',
          ),
    );
    const pair = r.comparisons[0];
    if (pair) {
      const name = (id: string) => shortName(r.networks.find((n) => n.id === id)!);
      items.push(
        stat(
          `${name(pair.first)} vs ${name(pair.second)}`,
          `${verdict(pair, name(pair.first), name(pair.second))} (p = ${num(pair.pValue, 3)})`,
          'mcnemar',
          'McNemar’s exact test on the samples the two classify differently',
        ),
      );
    }
    const snn = r.networks.find((n) => n.id === 'snn');
    if (snn?.spiking) {
      if (snn.spiking.agreementWithAnn !== null)
        items.push(
          stat(
            'Same class',
            pct(snn.spiking.agreementWithAnn),
            undefined,
            'share of samples the two networks classify alike',
          ),
        );
      items.push(stat('Spikes / inference', int(snn.spiking.counts.spikesPerInference)));
      if (snn.latency.kind === 'ticks')
        items.push(
          stat(
            'Within 1 %',
            `tick ${snn.latency.withinOnePercent}`,
            'within-one-percent',
            'accuracy stays ≥ 99 % of its final value from this tick',
          ),
        );
    }
    return h('dl', { class: 'stats' }, ...items);
  }

  private showSpiking(r: CompareReport, spiking: NetworkEntry[]): void {
    const plots = this.plots!;
    const T = Math.max(...spiking.map((n) => n.accuracyByTick?.length ?? 0));
    const ticks = Float64Array.from({ length: T }, (_, t) => t + 1);
    const series: LineSeries[] = spiking.map((n) => ({
      label: n.label,
      colour: networkColour(r.networks.indexOf(n)),
      values: (n.accuracyByTick ?? []).map((v) => 100 * v),
      width: 2,
    }));
    const ann = r.networks.find((n) => n.paradigm === 'rate' && n.accuracy !== null);
    if (ann) {
      series.push({
        label: ann.label,
        colour: networkColour(r.networks.indexOf(ann)),
        values: new Float64Array(T).fill(100 * ann.accuracy!.value),
        width: 1.5,
        dash: [6, 4],
      });
    }
    plots.accuracy.setData(ticks, series, [1, Math.max(2, T)]);
    const main = spiking[0]!;
    const l = main.latency;
    if (l.kind === 'ticks') {
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
      this.accuracyNote.textContent = `Solid: each spiking network after each tick (${spiking.map((n) => `${shortName(n)} ${pct(n.accuracy!.value)}`).join(', ')} at the end). Dashed: the rate network${ann ? ` (${pct(ann.accuracy!.value)})` : ''}. Latency of ${shortName(main)}: predictions settle at tick ${num(l.settle.mean)} on average (median ${num(l.settle.median)}, p95 ${num(l.settle.p95)}, max ${num(l.settle.max)}); accuracy stays within 1 % of its final value from tick ${l.withinOnePercent}. Drag to zoom, double-click to reset.`;
      this.accuracyBox.setAttribute(
        'aria-label',
        `Accuracy against ticks: ${spiking.map((n) => `${shortName(n)} ${pct(n.accuracyByTick?.[0] ?? 0)} at tick 1, ${pct(n.accuracy!.value)} at tick ${n.accuracyByTick?.length}`).join('; ')}; latency within 1 % at tick ${l.withinOnePercent}`,
      );
    }
    fill(
      this.hardware,
      ...spiking.flatMap((n) => [
        spiking.length > 1 ? h('h3', { text: n.label }) : null,
        dataTable(HARDWARE_COLUMNS, hardwareRows(n), {
          id: n.id === 'snn' ? 'hardware-table' : `hardware-table-${n.id}`,
          numeric: [1, 2, 3, 4, 5],
        }),
      ]),
    );
  }

  private showLayers(n: NetworkEntry): void {
    const layers = n.layers!;
    this.layersTitle.textContent = `Per layer (${shortName(n)}): ANN activation vs SNN rate × λ`;
    this.plots!.layers.setData(
      layers.map((x) => x.layer),
      [
        { label: 'ANN activation', colour: networkColour(0), values: layers.map((x) => x.annMean) },
        { label: 'SNN rate × λ', colour: networkColour(1), values: layers.map((x) => x.snnMean) },
      ],
    );
    this.layersBox.setAttribute(
      'aria-label',
      `Mean activation per layer: ${layers.map((x) => `${x.layer} ANN ${num(x.annMean)}, SNN ${num(x.snnMean)}`).join('; ')}`,
    );
    fill(
      this.layers,
      dataTable(LAYER_COLUMNS, layerRows(n), {
        id: 'layers-table',
        numeric: [1, 2, 3, 4, 5, 6, 7],
      }),
    );
  }
}
