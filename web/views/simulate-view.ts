/**
 * The Simulate view: the form on the left; on the right the run's figures,
 * the raster, the population rate and membrane traces (time windows linked),
 * and the platform's counts. The worker simulates; this module only asks,
 * shows progress and draws.
 */

import { parseReport } from '../../src/harness/report/read.ts';
import type { SpikingNetworkBlock } from '../../src/harness/report/schema.ts';
import type { PageHooks } from '../page-hooks.ts';
import { LinePlot, type LineSeries } from '../plots/line-plot.ts';
import { RasterPlot } from '../plots/raster-plot.ts';
import { populationColour, shade } from '../plots/theme.ts';
import {
  currentReport,
  looksLikeReport,
  onReport,
  readReportFile,
  setReport,
} from '../report-store.ts';
import { Comlink, simWorker } from '../sim-client.ts';
import { fill, h, int, num } from '../ui/dom.ts';
import { onFileDrop } from '../ui/file-drop.ts';
import type { Catalog } from '../worker/api.ts';
import type { SimProgress, SimResult } from '../worker/result.ts';
import { hardwarePanel } from './hardware-panel.ts';
import { SimulateForm } from './simulate-form.ts';
import { describeRun, summaryPanel } from './summary-panel.ts';

const phaseText: Record<SimProgress['phase'], string> = {
  build: 'Building the network…',
  map: 'Mapping onto the platform…',
  simulate: 'Simulating…',
};

/** Dropped files up to this size are looked into: a comparison report, or a network file? */
const SNIFF_BYTES = 64e6;

export interface SimulateView {
  /** Chooses the open report's network on its stored test sample k, and runs it. */
  runReportSample: (k: number) => void;
}

function card(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', { text: title }), ...children);
}

export function mountSimulate(
  panel: HTMLElement,
  catalog: Catalog,
  hooks: PageHooks,
): SimulateView {
  const sim = simWorker();
  const status = h('p', {
    id: 'run-status',
    class: 'status',
    role: 'status',
    'aria-live': 'polite',
    text: 'Ready. Press Run to simulate CUBA (4,000 neurons, 1 s).',
  });
  const progress = h('progress', {
    id: 'run-progress',
    max: 1,
    value: 0,
    'aria-label': 'Simulation progress',
  });
  const error = h('div', { id: 'run-error', class: 'error', role: 'alert' });
  const form = new SimulateForm(catalog, {
    onRun: (req) => void run(req),
    onCancel: () => {
      status.textContent = 'Cancelling…';
      void sim.cancel();
    },
    onError: (m) => showError({ code: 'INVALID_ARGUMENT', message: m }),
    onReportFile: (f) => void openReport(f),
  });

  const title = h('p', { class: 'run-title', id: 'run-title' });
  const classNote = h('p', { class: 'class-note', id: 'run-class', role: 'status' });
  const stats = h('div', { class: 'stats-holder' });
  const legend = h('ul', { class: 'legend', 'aria-label': 'Populations' });
  const readout = h('span', { class: 'readout', 'aria-hidden': 'true' });
  let shownPops: { label: string; offset: number; size: number }[] = [];
  let lastRequest: Record<string, unknown> | null = null;
  const rasterBox = h('div', {
    class: 'plot raster',
    'aria-label': 'Spike raster: arrow keys pan, + and − zoom time, 0 resets',
    role: 'region',
  });
  const truncation = h('p', { class: 'note' });
  const zoomButtons = h(
    'div',
    { class: 'toolbar', role: 'group', 'aria-label': 'Raster view' },
    h('button', { type: 'button', 'data-act': 'in', text: 'Zoom in' }),
    h('button', { type: 'button', 'data-act': 'out', text: 'Zoom out' }),
    h('button', { type: 'button', 'data-act': 'reset', text: 'Reset view' }),
  );
  const rateBox = h('div', { class: 'plot' });
  const rateNote = h('p', { class: 'note' });
  const traceBox = h('div', { class: 'plot' });
  const hardwareBox = h('section', { class: 'card hardware-card', hidden: true });
  const results = h(
    'div',
    { class: 'results', hidden: true },
    title,
    classNote,
    stats,
    h(
      'section',
      { class: 'card' },
      h(
        'div',
        { class: 'card-head' },
        h('h2', { text: 'Spike raster' }),
        legend,
        readout,
        zoomButtons,
      ),
      rasterBox,
      h('p', {
        class: 'hint',
        text: 'Drag a box to zoom · wheel zooms time (Shift: neurons) · Shift+drag pans · double-click or 0 resets · arrow keys pan when the raster has focus',
      }),
      truncation,
    ),
    card('Population rate', rateBox, rateNote),
    card('Membrane potential', traceBox),
    hardwareBox,
  );
  const empty = h(
    'div',
    { class: 'empty' },
    h('p', { text: 'No run yet.' }),
    h('p', {
      text: 'Choose a network and press Run — or just press Run for CUBA, 4,000 neurons, 1 s.',
    }),
  );

  const aside = h(
    'aside',
    { class: 'controls' },
    h('h2', { class: 'visually-hidden', text: 'Settings' }),
    form.element,
    h('div', { class: 'progress' }, progress, status),
    error,
  );
  panel.append(
    h('div', { class: 'simulate' }, aside, h('div', { class: 'output' }, empty, results)),
  );

  // plots exist from the first result on (they need their box laid out to size themselves)
  let raster: RasterPlot | null = null;
  let rates: LinePlot | null = null;
  let traces: LinePlot | null = null;
  const follow = (min: number, max: number) => {
    rates?.setTimeWindow(min, max);
    traces?.setTimeWindow(min, max);
  };
  const makePlots = () => {
    raster = new RasterPlot(rasterBox, {
      height: 380,
      onDraw: (s) => {
        hooks.raster.lastDraw = s;
        hooks.raster.draws++;
      },
      onTimeWindow: follow,
      onCursor: (t, n) => {
        const pop =
          n === null ? undefined : shownPops.find((p) => n >= p.offset && n < p.offset + p.size);
        readout.textContent =
          t === null || n === null || !pop
            ? ''
            : `${num(t, 4)} ms · neuron ${int(n)} (${pop.label} ${int(n - pop.offset)})`;
      },
    });
    const toRaster = (min: number, max: number) => raster?.setTimeWindow(min, max);
    rates = new LinePlot(rateBox, {
      height: 200,
      xLabel: 'time (ms)',
      yLabel: 'rate (Hz)',
      stepped: true,
      yFromZero: true,
      onTimeWindow: toRaster,
    });
    traces = new LinePlot(traceBox, {
      height: 220,
      xLabel: 'time (ms)',
      yLabel: 'v (mV)',
      onTimeWindow: toRaster,
    });
    zoomButtons.addEventListener('click', (e) => {
      const act = (e.target as HTMLElement).closest('button')?.dataset['act'];
      if (act === 'in') raster?.zoom(0.5);
      else if (act === 'out') raster?.zoom(2);
      else if (act === 'reset') raster?.resetView();
    });
  };

  function showError(e: { code: string; message: string }): void {
    hooks.lastError = e;
    hooks.errors++;
    fill(
      error,
      h('strong', {
        text:
          e.code === 'TOO_LARGE'
            ? 'Too large for the page: '
            : e.code === 'INVALID_FILE'
              ? 'Bad network file: '
              : 'Cannot run: ',
      }),
      e.message,
    );
  }

  function onProgress(p: SimProgress): void {
    if (p.phase === 'simulate' && p.totalTicks > 0) {
      progress.value = p.doneTicks / p.totalTicks;
      status.textContent = `Simulating: ${Math.round((100 * p.doneTicks) / p.totalTicks)} % · ${int(p.spikes)} spikes`;
    } else {
      progress.removeAttribute('value');
      status.textContent = phaseText[p.phase];
    }
  }

  async function run(request: Record<string, unknown>): Promise<void> {
    lastRequest = request;
    fill(error);
    hooks.lastError = null;
    form.setRunning(true);
    progress.removeAttribute('value');
    status.textContent = 'Starting…';
    const t0 = performance.now();
    try {
      const r = await sim.simulate(request, Comlink.proxy(onProgress));
      if (!r.ok) {
        showError(r.error);
        status.textContent = 'No result.';
        progress.value = 0;
        return;
      }
      show(r.result);
      const s = r.result.summary;
      status.textContent = `${s.stopped ? 'Cancelled' : 'Done'}: ${int(s.spikes)} spikes in ${num(s.durationMs)} ms simulated; ${num((performance.now() - t0) / 1000)} s in all.`;
      progress.value = s.stopped ? s.durationMs / r.result.requestedMs : 1;
    } catch (e) {
      showError({ code: 'INTERNAL', message: (e as Error).message });
      status.textContent = 'No result.';
    } finally {
      form.setRunning(false);
    }
  }

  function show(r: SimResult): void {
    empty.hidden = true;
    results.hidden = false;
    if (!raster) makePlots();
    title.textContent = describeRun(r);
    classNote.textContent = classOfRun(r, lastRequest);
    fill(stats, summaryPanel(r));
    const pops = r.populations.map((p, i) => ({
      ...p,
      colour: populationColour(i, p.kind !== 'neuron'),
    }));
    shownPops = pops;
    fill(
      legend,
      ...pops.map((p, i) =>
        h(
          'li',
          {},
          h('span', { class: 'swatch', style: `background:${p.colour}` }),
          `${p.label} (${int(p.size)}) ${num(r.summary.populations[i]!.meanRateHz)} Hz`,
        ),
      ),
    );
    truncation.textContent = r.spikes.truncated
      ? `The raster shows the first ${int(r.spikes.ids.length)} of ${int(r.spikes.total)} spikes (recording cap); all counts are exact.`
      : '';
    const durationMs = Math.max(r.summary.durationMs, r.dt);
    const t0 = performance.now();
    raster!.setData({
      ticks: r.spikes.ticks,
      ids: r.spikes.ids,
      dt: r.dt,
      durationMs,
      populations: pops,
    });
    const rasterSetDataMs = performance.now() - t0;

    const { binMs, bins, values } = r.rates;
    const binX = Float64Array.from({ length: bins }, (_, b) => b * binMs);
    rates!.setData(
      binX,
      pops.map(
        (p, i): LineSeries => ({
          label: p.label,
          colour: p.colour,
          values: values.subarray(i * bins, (i + 1) * bins),
        }),
      ),
      [0, durationMs],
    );
    rateNote.textContent = `Bins of ${num(binMs)} ms; rate = spikes in the bin ÷ population size ÷ bin width.`;

    const t = r.traces;
    const m = t.neurons.length;
    const tx = Float64Array.from({ length: t.samples }, (_, s) => s * t.intervalMs);
    const seen = new Map<number, number>();
    traces!.setData(
      tx,
      t.neurons.map((_, j): LineSeries => {
        const p = t.populations[j]!;
        const k = seen.get(p) ?? 0;
        seen.set(p, k + 1);
        const column = new Float32Array(t.samples);
        for (let s = 0; s < t.samples; s++) column[s] = t.values[s * m + j]!;
        return {
          label: t.labels[j]!,
          colour: shade(pops[p]!.colour, Math.min(0.6, 0.3 * k)),
          values: column,
        };
      }),
      [0, durationMs],
    );

    if (r.hardware) {
      hardwareBox.hidden = false;
      fill(hardwareBox, hardwarePanel(r.hardware));
    } else {
      hardwareBox.hidden = true;
    }
    hooks.runs++;
    hooks.lastRun = {
      spikes: r.summary.spikes,
      recorded: r.spikes.ids.length,
      total: r.spikes.total,
      durationMs: r.summary.durationMs,
      stopped: r.summary.stopped,
      rasterSetDataMs,
    };
  }

  async function openReport(f: File): Promise<void> {
    try {
      setReport(await readReportFile(f));
      reportChosen(f.name);
    } catch (e) {
      showError({
        code: (e as { code?: string }).code ?? 'INVALID_FILE',
        message: (e as Error).message,
      });
    }
  }

  function reportChosen(name: string): void {
    form.chooseReport(0);
    fill(error);
    status.textContent = `${name} loaded: choose a test sample and press Run.`;
  }

  /** A dropped file is a comparison report or a network file: small ones are looked into. */
  async function dropped(f: File): Promise<void> {
    if (f.size <= SNIFF_BYTES) {
      let data: unknown = null;
      try {
        data = JSON.parse(await f.text());
      } catch {
        // not JSON: the network path below says so, naming the file
      }
      if (looksLikeReport(data)) {
        try {
          setReport({ report: parseReport(data, f.name), source: f.name });
          reportChosen(f.name);
        } catch (e) {
          showError({ code: 'INVALID_FILE', message: (e as Error).message });
        }
        return;
      }
    }
    form.setFile(f);
    fill(error);
    status.textContent = `${f.name} loaded: press Run.`;
  }

  onReport((held) => form.setReport(held));
  // a network file or a report dropped anywhere while this view is shown
  onFileDrop(panel, (f) => void dropped(f));

  return {
    runReportSample(k) {
      if (!currentReport()) return;
      form.chooseReport(k);
      form.run();
    },
  };
}

/** For a report's network: the class its output layer gave this run, beside the label and the comparison's. */
function classOfRun(r: SimResult, request: Record<string, unknown> | null): string {
  const net = request?.['network'] as
    | { kind: string; network?: SpikingNetworkBlock; sample?: number }
    | undefined;
  if (net?.kind !== 'report' || !net.network || net.sample === undefined) return '';
  const block = net.network;
  const sample = block.samples[net.sample];
  const out = r.populations.find((p) => p.label === block.output);
  if (!sample || !out) return '';
  const counts = new Array<number>(out.size).fill(0);
  const ids = r.spikes.ids;
  for (let i = 0; i < ids.length; i++) {
    const k = ids[i]! - out.offset;
    if (k >= 0 && k < out.size) counts[k]!++;
  }
  const name = (c: number) => block.classes[c] ?? String(c);
  const top = Math.max(...counts);
  const winners = counts.flatMap((c, k) => (c === top ? [k] : []));
  const said =
    out.size === 1
      ? counts[0]! > 0
        ? `the output neuron spiked ${counts[0]} times: class ${name(1)}`
        : `the output neuron did not spike: class ${name(0)} unless its potential ended positive`
      : top === 0
        ? 'no output neuron spiked'
        : winners.length > 1
          ? `output neurons ${winners.map(name).join(', ')} tie with ${top} spikes`
          : `most output spikes: ${name(winners[0]!)} (${top})`;
  return `Test sample ${sample.test}, label ${name(sample.label)}: ${said}. In the comparison the spiking network said ${name(sample.snn)}, the rate network ${name(sample.ann)}.`;
}
