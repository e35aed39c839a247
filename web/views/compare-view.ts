/**
 * The Compare view: open a report written by `spikelab compare` (picked or
 * dropped, validated by the harness's report schema), or run a small
 * comparison in a worker; then draw it (compare-figures.ts), offer its
 * spiking network to the Simulate view and save it as the CLI would.
 */
import { reportBaseName } from '../../src/harness/report/format.ts';
import { serializeReport } from '../../src/harness/report/read.ts';
import type { PageHooks } from '../page-hooks.ts';
import {
  currentReport,
  type HeldReport,
  offeredNetwork,
  onReport,
  readReportFile,
  setReport,
} from '../report-store.ts';
import { Comlink, compareWorker, endCompareWorker } from '../sim-client.ts';
import { fill, h, int, num } from '../ui/dom.ts';
import { onFileDrop } from '../ui/file-drop.ts';
import { runProgress } from '../ui/run-progress.ts';
import type { Catalog } from '../worker/api.ts';
import type { CompareProgress, CompareResponse } from '../worker/compare-request.ts';
import { CompareFigures } from './compare-figures.ts';
import { CompareForm } from './compare-form.ts';

export interface CompareActions {
  /** Shows the Simulate view running the report's network on stored test sample k. */
  simulateNetwork: (sample: number) => void;
}

const stageText: Record<CompareProgress['stage'], string> = {
  loading: 'Loading the data set…',
  load: 'Loading the data set…',
  train: 'Training the rate network',
  convert: 'Converting to a spiking network…',
  map: 'Mapping onto the platforms…',
  simulate: 'Simulating the test samples',
  deploy: 'Simulating the TrueNorth deployment',
  price: 'Pricing every network on every device…',
  report: 'Writing the report…',
};

export function mountCompare(
  panel: HTMLElement,
  catalog: Catalog,
  hooks: PageHooks,
  actions: CompareActions,
): void {
  const status = h('p', {
    id: 'compare-status',
    class: 'status',
    role: 'status',
    'aria-live': 'polite',
    text: 'Open a report, or press Run comparison (digits takes a second or two).',
  });
  const progress = h('progress', {
    id: 'compare-progress',
    max: 1,
    value: 0,
    'aria-label': 'Comparison progress',
  });
  const error = h('div', { id: 'compare-error', class: 'error', role: 'alert' });
  let cancelRun: (() => void) | null = null;
  const form = new CompareForm(catalog.limits.maxFileBytes, {
    onRun: (req) => void run(req),
    onCancel: () => {
      // compare holds its worker's thread: end the worker (a new one runs the next comparison)
      endCompareWorker();
      cancelRun?.();
    },
    onFile: (f) => void open(f),
    onError: (message) => showError({ code: 'INVALID_ARGUMENT', message }),
  });

  const figures = new CompareFigures();
  const networkCard = h('section', { class: 'card', id: 'network-card', hidden: true });
  const save = h('button', { type: 'button', id: 'save-report', text: 'Save report (JSON)' });
  const empty = h(
    'div',
    { class: 'empty' },
    h('p', { text: 'No report yet.' }),
    h('p', {
      text: 'Open a report written by spikelab compare (Choose report…, or drop the file here), or run a comparison in the page.',
    }),
  );
  figures.element.hidden = true;
  figures.element.append(networkCard, h('div', { class: 'buttons-row' }, save));
  panel.append(
    h(
      'div',
      { class: 'workspace' },
      h(
        'aside',
        { class: 'controls' },
        h('h2', { class: 'visually-hidden', text: 'Comparison' }),
        form.element,
        h('div', { class: 'progress' }, progress, status),
        error,
      ),
      h('div', { class: 'output' }, empty, figures.element),
    ),
  );

  function showError(e: { code: string; message: string }): void {
    hooks.compare.errors++;
    hooks.compare.lastError = e;
    const what =
      e.code === 'INVALID_FILE'
        ? 'Bad report file: '
        : e.code === 'CANCELLED'
          ? 'Cancelled: '
          : 'Cannot compare: ';
    fill(error, h('strong', { text: what }), e.message);
  }

  function show(held: HeldReport): void {
    fill(error);
    empty.hidden = true;
    figures.element.hidden = false;
    figures.show(held);
    fill(networkCard, ...networkOffer(held));
    const r = held.report;
    const offered = offeredNetwork(r);
    networkCard.hidden = offered === null;
    form.showSource(held.source);
    hooks.compare.shown++;
    hooks.compare.report = r;
    const accuracy = (id: string) => r.networks.find((n) => n.id === id)?.accuracy?.value ?? null;
    hooks.compare.lastReport = {
      dataset: r.dataset,
      source: held.source,
      annAccuracy: accuracy('ann'),
      snnAccuracy: accuracy('snn'),
      networks: r.networks.map((n) => n.id),
      timesteps: r.settings.timesteps,
      hasNetwork: offered?.spiking?.spikingNetwork !== undefined,
    };
  }

  function networkOffer(held: HeldReport): (Node | string)[] {
    const offered = offeredNetwork(held.report);
    const s = offered?.spiking ?? null;
    const title = h('h2', {
      text: `The spiking network${offered && offered.id !== 'snn' ? ` (${offered.label})` : ''}`,
    });
    if (!s) return [title];
    const sizes = s.network.populations.map((p) => p.neurons).join('-');
    const block = s.spikingNetwork;
    if (!block) {
      return [
        title,
        h('p', {
          class: 'note',
          text: `${sizes} IF neurons, ${int(s.network.synapses)} synapses. This report does not hold the network itself; write it with spikelab compare --include-network to watch it spike in the Simulate view.`,
        }),
      ];
    }
    const name = (c: number) => block.classes[c] ?? String(c);
    const sample = h('select', { id: 'cmp-sample', name: 'cmp-sample' });
    for (const [k, x] of block.samples.entries()) {
      sample.append(
        h('option', {
          value: k,
          text: `test sample ${x.test}: label ${name(x.label)} (ANN ${name(x.ann)}, SNN ${name(x.snn)})`,
        }),
      );
    }
    const go = h('button', { type: 'button', class: 'primary', text: 'Simulate this sample' });
    go.addEventListener('click', () => actions.simulateNetwork(Number(sample.value)));
    return [
      title,
      h('p', {
        class: 'note',
        text: `${sizes} IF neurons, ${int(s.network.synapses)} synapses, ${s.encoding.kind} input, 1 ms ticks. Run it on one test sample in the Simulate view: the raster shows every layer's spikes over ${s.timesteps} ticks.`,
      }),
      h(
        'div',
        { class: 'inline-form' },
        h(
          'div',
          { class: 'field wide' },
          h('label', { for: 'cmp-sample', text: 'Test sample' }),
          sample,
        ),
        go,
      ),
    ];
  }

  function onProgress(p: CompareProgress): void {
    if (p.total > 0) {
      progress.value = p.done / p.total;
      const loss = p.loss === undefined ? '' : ` · loss ${num(p.loss)}`;
      status.textContent =
        p.stage === 'simulate' || p.stage === 'deploy'
          ? `${stageText[p.stage]}${p.network && p.network !== 'snn' ? ` (${p.network})` : ''}: ${int(p.done)} of ${int(p.total)}`
          : `${stageText[p.stage]}: ${Math.round((100 * p.done) / p.total)} %${loss}`;
    } else {
      progress.removeAttribute('value');
      status.textContent = stageText[p.stage];
    }
  }

  async function open(f: File): Promise<void> {
    status.textContent = `Reading ${f.name}…`;
    try {
      setReport(await readReportFile(f));
      status.textContent = `${f.name}: report read.`;
    } catch (e) {
      showError({
        code: (e as { code?: string }).code ?? 'INTERNAL',
        message: (e as Error).message,
      });
      status.textContent = 'No report read.';
    }
  }

  async function run(request: Record<string, unknown>): Promise<void> {
    fill(error);
    form.setRunning(true);
    progress.removeAttribute('value');
    status.textContent = 'Starting…';
    const t0 = performance.now();
    const cancelled = new Promise<null>((resolve) => {
      cancelRun = () => resolve(null);
    });
    const gate = runProgress(onProgress);
    try {
      const call = compareWorker().compare(request, Comlink.proxy(gate.report));
      const r: CompareResponse | null = await Promise.race([call, cancelled]).finally(gate.end);
      if (r === null) {
        hooks.compare.cancelled++;
        status.textContent = 'Cancelled: the comparison was stopped.';
        progress.value = 0;
        return;
      }
      if (!r.ok) {
        showError(r.error);
        status.textContent = 'No report.';
        progress.value = 0;
        return;
      }
      setReport({ report: r.result, source: `${r.result.dataset} comparison run in this page` });
      progress.value = 1;
      status.textContent = `Done: ${r.result.dataset} compared in ${num((performance.now() - t0) / 1000)} s.`;
    } catch (e) {
      showError({ code: 'INTERNAL', message: (e as Error).message });
      status.textContent = 'No report.';
    } finally {
      cancelRun = null;
      form.setRunning(false);
    }
  }

  save.addEventListener('click', () => {
    const held = currentReport();
    if (!held) return;
    const url = URL.createObjectURL(
      new Blob([serializeReport(held.report)], { type: 'application/json' }),
    );
    const a = h('a', { href: url, download: `${reportBaseName(held.report)}.json` });
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  });

  onReport((held) => {
    if (held) show(held);
  });
  const held = currentReport();
  if (held) show(held);
  // a report dropped anywhere while this view is shown
  onFileDrop(panel, (f) => void open(f));
}
