/**
 * The Simulate view: the form on the left; on the right the run's figures,
 * the raster, the population rate and membrane traces (run-figures.ts, time
 * windows linked), and the platform's counts. The worker simulates; this
 * module only asks, shows progress and draws.
 */

import { parseReport } from '../../src/harness/report/read.ts';
import type { PageHooks } from '../page-hooks.ts';
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
import { runProgress } from '../ui/run-progress.ts';
import type { Catalog } from '../worker/api.ts';
import type { SimProgress, SimResult } from '../worker/result.ts';
import { hardwarePanel } from './hardware-panel.ts';
import { classOfRun } from './run-class.ts';
import { RunFigures } from './run-figures.ts';
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
  let lastRequest: Record<string, unknown> | null = null;
  const figures = new RunFigures(hooks);
  const hardwareBox = h('section', { class: 'card hardware-card', hidden: true });
  const results = h(
    'div',
    { class: 'results', hidden: true },
    title,
    classNote,
    stats,
    ...figures.cards,
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
    const gate = runProgress(onProgress);
    try {
      const r = await sim.simulate(request, Comlink.proxy(gate.report)).finally(gate.end);
      if (!r.ok) {
        showError(r.error);
        status.textContent = 'No result.';
        progress.value = 0;
        return;
      }
      show(r.result);
      const s = r.result.summary;
      const on = `on ${s.threads} thread${s.threads === 1 ? '' : 's'}`;
      const note = r.result.threadNote ? ` (${r.result.threadNote})` : '';
      status.textContent = `${s.stopped ? 'Cancelled' : 'Done'}: ${int(s.spikes)} spikes in ${num(s.durationMs)} ms simulated ${on}${note}; ${num((performance.now() - t0) / 1000)} s in all.`;
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
    figures.layOut();
    title.textContent = describeRun(r);
    classNote.textContent = classOfRun(r, lastRequest);
    fill(stats, summaryPanel(r));
    const rasterSetDataMs = figures.show(r);

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
