/**
 * The Simulate view's form: network (reference model, a network file picked
 * or dropped, or the spiking network of a comparison report with one of its
 * test samples), size, duration, dt, seed, platform, traced neurons, threads; Run and
 * Cancel. It reads the inputs into a request for the worker, which
 * validates it; only what the worker cannot know (no file chosen, an
 * unreadable file, a malformed list of ids) is checked here.
 */

import { formatBytes } from '../../src/core/memory.ts';
import { currentReport, type HeldReport, offeredNetwork } from '../report-store.ts';
import { h, int } from '../ui/dom.ts';
import { field, numberInput, readIds, readNumber } from '../ui/form.ts';
import type { Catalog } from '../worker/api.ts';
import { isNir, networkOfFile } from './network-file.ts';

export interface FormHandlers {
  onRun: (request: Record<string, unknown>) => void;
  onCancel: () => void;
  onError: (message: string) => void;
  /** A report chosen with the report picker. */
  onReportFile: (f: File) => void;
}

export class SimulateForm {
  readonly element: HTMLFormElement;
  readonly runButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;
  private readonly network: HTMLSelectElement;
  private readonly n: HTMLInputElement;
  private readonly scale: HTMLInputElement;
  private readonly fileInput: HTMLInputElement;
  private readonly fileName: HTMLElement;
  private readonly duration: HTMLInputElement;
  private readonly dt: HTMLInputElement;
  private readonly seed: HTMLInputElement;
  private readonly platform: HTMLSelectElement;
  private readonly traces: HTMLInputElement;
  private readonly threads: HTMLInputElement;
  private readonly reportName: HTMLElement;
  private readonly sample: HTMLSelectElement;
  private readonly sizeFields: {
    n: HTMLElement;
    scale: HTMLElement;
    file: HTMLElement;
    report: HTMLElement;
  };
  private file: File | null = null;
  private lastChoice = '';

  constructor(
    private readonly catalog: Catalog,
    private readonly handlers: FormHandlers,
  ) {
    const d = catalog.defaults;
    this.network = h('select', {
      id: 'network',
      name: 'network',
      'aria-describedby': 'network-hint',
    });
    for (const m of catalog.models) this.network.append(h('option', { value: m.id, text: m.name }));
    this.network.append(h('option', { value: 'file', text: 'Network JSON file…' }));
    this.network.append(h('option', { value: 'report', text: 'Spiking network of a report…' }));
    this.network.value = d.network.kind === 'reference' ? d.network.model : 'file';

    const defaultN = d.network.kind === 'reference' ? (d.network.n ?? 4000) : 4000;
    this.n = numberInput('size-n', defaultN, {
      min: 3,
      step: 1,
      'aria-describedby': 'size-n-hint',
    });
    this.scale = numberInput('size-scale', 0.1, {
      min: 0.0001,
      max: 100,
      step: 'any',
      'aria-describedby': 'size-scale-hint',
    });
    this.fileInput = h('input', {
      id: 'network-file',
      name: 'network-file',
      type: 'file',
      accept: '.json,application/json,.nir',
      class: 'visually-hidden',
    });
    this.fileName = h('span', { class: 'file-name', text: 'no file chosen' });
    const reportInput = h('input', {
      id: 'sim-report-file',
      name: 'sim-report-file',
      type: 'file',
      accept: '.json,application/json',
      class: 'visually-hidden',
    });
    reportInput.addEventListener('change', () => {
      const f = reportInput.files?.[0];
      reportInput.value = '';
      if (f) this.handlers.onReportFile(f);
    });
    this.reportName = h('span', { class: 'file-name', id: 'sim-report-name' });
    this.sample = h('select', { id: 'sim-sample', name: 'sim-sample' });
    this.duration = numberInput('duration', d.durationMs, {
      min: 0.01,
      max: catalog.limits.maxDurationMs,
      step: 'any',
    });
    this.dt = numberInput('dt', d.dt ?? 0.1, { min: 0.01, max: 1, step: 'any' });
    this.seed = numberInput('seed', d.seed ?? 1, { min: 0, step: 1 });
    this.platform = h('select', { id: 'platform', name: 'platform' });
    for (const p of catalog.platforms)
      this.platform.append(h('option', { value: p.id, text: p.name }));
    this.platform.value = d.platform;
    this.traces = h('input', {
      id: 'trace-neurons',
      name: 'trace-neurons',
      type: 'text',
      inputmode: 'numeric',
      placeholder: 'automatic',
      autocomplete: 'off',
      'aria-describedby': 'trace-neurons-hint',
    });
    const t = catalog.threads;
    this.threads = numberInput('threads', '', {
      min: 1,
      max: t.max,
      step: 1,
      placeholder: 'automatic',
    });
    this.runButton = h('button', { type: 'submit', class: 'primary', text: 'Run' });
    this.cancelButton = h('button', { type: 'button', text: 'Cancel', disabled: true });

    const dropZone = h(
      'div',
      { class: 'drop-zone', id: 'drop-zone' },
      h('label', { for: 'network-file', class: 'button', text: 'Choose file…' }),
      this.fileInput,
      this.fileName,
      h('small', {
        class: 'hint',
        text: 'or drop a network JSON or NIR (.nir, from snnTorch, Norse, Rockpool…) file anywhere on this page',
      }),
    );
    this.sizeFields = {
      n: field('Neurons', this.n, '80 % excitatory; fan-in kept at 80'),
      scale: field('Scale', this.scale, '1 = 12,500 neurons, 15.6 M synapses'),
      file: h(
        'div',
        { class: 'field' },
        h('span', { class: 'label', text: 'Network file' }),
        dropZone,
      ),
      report: h(
        'div',
        { class: 'field-group' },
        h(
          'div',
          { class: 'field' },
          h('span', { class: 'label', text: 'Comparison report' }),
          h(
            'div',
            { class: 'drop-zone' },
            h('label', { for: 'sim-report-file', class: 'button', text: 'Choose report…' }),
            reportInput,
            this.reportName,
            h('small', {
              class: 'hint',
              text: 'written by spikelab compare --include-network, or run in the Compare view',
            }),
          ),
        ),
        field('Test sample', this.sample, 'its input drives the input layer'),
      ),
    };

    this.element = h(
      'form',
      { class: 'sim-form', 'aria-label': 'Simulation settings', novalidate: true },
      h(
        'fieldset',
        {},
        h('legend', { text: 'Network' }),
        field('Model', this.network, ' '),
        this.sizeFields.n,
        this.sizeFields.scale,
        this.sizeFields.file,
        this.sizeFields.report,
      ),
      h(
        'fieldset',
        {},
        h('legend', { text: 'Run' }),
        field('Duration (ms)', this.duration),
        field('Time step dt (ms)', this.dt, '0.01–1 ms'),
        field('Seed', this.seed),
        field('Platform', this.platform, 'hardware events, real-time check and energy'),
        field(
          'Trace neurons',
          this.traces,
          `ids from the raster, comma-separated (up to ${catalog.limits.maxTraces})`,
        ),
        field(
          'Threads',
          this.threads,
          t.isolated
            ? `blank: the ${t.cores} cores from ${int(t.from.neurons)} neurons or ${int(t.from.synapses)} synapses (no traces), else 1`
            : 'one: the page is not cross-origin isolated',
        ),
      ),
      h('div', { class: 'buttons' }, this.runButton, this.cancelButton),
    );

    this.network.addEventListener('change', () => this.showSizeField());
    this.fileInput.addEventListener('change', () => {
      const f = this.fileInput.files?.[0];
      if (f) this.setFile(f);
    });
    this.element.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.cancelButton.addEventListener('click', () => this.handlers.onCancel());
    this.setReport(currentReport());
    this.showSizeField();
  }

  /** The report whose network the form offers (its test samples in the sample list). */
  setReport(held: HeldReport | null): void {
    const s = held ? (offeredNetwork(held.report)?.spiking ?? null) : null;
    const block = s?.spikingNetwork;
    this.sample.replaceChildren();
    this.sample.disabled = !block;
    if (!held) this.reportName.textContent = 'none open (open one here or in the Compare view)';
    else if (!block)
      this.reportName.textContent = `${held.source}: holds no network (spikelab compare --include-network writes it)`;
    else
      this.reportName.textContent = `${held.source} (${held.report.dataset}, T = ${s!.timesteps})`;
    if (!block) return;
    const name = (c: number) => block.classes[c] ?? String(c);
    for (const [k, x] of block.samples.entries()) {
      this.sample.append(
        h('option', {
          value: k,
          text: `#${x.test}: label ${name(x.label)}, SNN said ${name(x.snn)}`,
        }),
      );
    }
  }

  /** Chooses the report's network driven by stored sample k, for the report's T ticks. */
  chooseReport(k: number): void {
    this.network.value = 'report';
    this.showSizeField();
    this.sample.value = String(k);
  }

  /** Presses Run. */
  run(): void {
    this.element.requestSubmit();
  }

  /** A file chosen or dropped: the network becomes that file. */
  setFile(f: File): void {
    this.file = f;
    this.fileName.textContent = `${f.name} (${formatBytes(f.size)})`;
    this.network.value = 'file';
    this.showSizeField();
    // NIR fixes no time step: ask for one (a file spikelab wrote holds its own)
    if (isNir(f)) this.dt.placeholder = 'required for NIR (snnTorch 0.1, Norse 1)';
  }

  setRunning(running: boolean): void {
    this.runButton.disabled = running;
    this.cancelButton.disabled = !running;
    if (running) this.cancelButton.focus();
    else if (document.activeElement === this.cancelButton) this.runButton.focus();
  }

  private showSizeField(): void {
    const choice = this.network.value;
    const model = this.catalog.models.find((m) => m.id === choice);
    const about = this.element.querySelector('#network-hint');
    if (about)
      about.textContent = model
        ? model.about
        : choice === 'report'
          ? 'the converted network a comparison report holds'
          : 'your own network (spikelab network JSON, or a NIR file)';
    this.sizeFields.n.hidden = model?.size !== 'n';
    this.sizeFields.scale.hidden = model?.size !== 'scale';
    this.sizeFields.file.hidden = choice !== 'file';
    this.sizeFields.report.hidden = choice !== 'report';
    // a file brings its own dt and seed (its delays are tied to its dt): the fields start blank,
    // and a value typed afterwards overrides the file's
    if (choice !== this.lastChoice) {
      const fromFile = choice === 'file' || choice === 'report';
      const held = currentReport();
      const offered = held ? offeredNetwork(held.report)?.spiking : undefined;
      if (choice === 'report' && offered) this.duration.value = String(offered.timesteps); // ticks of 1 ms
      const defaults = this.catalog.defaults;
      for (const [input, fallback] of [
        [this.dt, String(defaults.dt ?? 0.1)],
        [this.seed, String(defaults.seed ?? 1)],
      ] as const) {
        input.placeholder = fromFile ? 'from the file' : '';
        if (fromFile) input.value = '';
        else if (input.value === '') input.value = fallback;
      }
      this.lastChoice = choice;
    }
  }

  private async submit(): Promise<void> {
    try {
      this.handlers.onRun(await this.read());
    } catch (e) {
      this.handlers.onError((e as Error).message);
    }
  }

  /**
   * Traced by default in a report's network: the output neurons of the
   * sample's label and of the class the spiking network gave it, then the
   * next ones, four in all — the race the readout decides.
   */
  private reportTraces(): number[] | undefined {
    const held = currentReport();
    const s = held ? (offeredNetwork(held.report)?.spiking ?? null) : null;
    const block = s?.spikingNetwork;
    const k = Number(this.sample.value);
    const sample = block?.samples[k];
    if (!s || !block || !sample) return undefined;
    const at = s.network.populations.findIndex((p) => p.label === block.output);
    if (at < 0) return undefined;
    const offset = s.network.populations.slice(0, at).reduce((a, p) => a + p.neurons, 0);
    const size = s.network.populations[at]!.neurons;
    const picks = [
      ...new Set([sample.label, sample.snn, ...Array.from({ length: size }, (_, i) => i)]),
    ];
    // a one-neuron output (binary classifier) has only neuron 0
    return picks
      .filter((i) => i < size)
      .slice(0, 4)
      .map((i) => offset + i);
  }

  /** The request as typed in (numbers parsed, blanks left out); the worker validates the rest. */
  private async read(): Promise<Record<string, unknown>> {
    const choice = this.network.value;
    let network: Record<string, unknown>;
    if (choice === 'report') {
      const held = currentReport();
      const block = held ? offeredNetwork(held.report)?.spiking?.spikingNetwork : undefined;
      if (!held)
        throw new Error(
          'Comparison report: none open; choose one here or open or run one in the Compare view',
        );
      if (!block)
        throw new Error(
          `${held.source}: the report does not hold the network; write it with spikelab compare --include-network`,
        );
      network = {
        kind: 'report',
        name: held.source,
        network: block,
        sample: Number(this.sample.value),
      };
    } else if (choice === 'file') {
      if (!this.file)
        throw new Error(
          'Network file: none chosen; choose a network JSON file or drop one on the page',
        );
      if (this.file.size > this.catalog.limits.maxFileBytes) {
        throw new Error(
          `${this.file.name}: ${formatBytes(this.file.size)}; allowed: files up to ${formatBytes(this.catalog.limits.maxFileBytes)} in the page`,
        );
      }
      network = await networkOfFile(this.file);
    } else {
      const model = this.catalog.models.find((m) => m.id === choice)!;
      network = { kind: 'reference', model: model.id };
      const size =
        model.size === 'n' ? readNumber(this.n, 'Neurons') : readNumber(this.scale, 'Scale');
      if (size !== undefined) network[model.size] = size;
    }
    const request: Record<string, unknown> = {
      network,
      durationMs: readNumber(this.duration, 'Duration') ?? this.catalog.defaults.durationMs,
      platform: this.platform.value,
    };
    const dt = readNumber(this.dt, 'Time step dt');
    const seed = readNumber(this.seed, 'Seed');
    if (dt !== undefined) request['dt'] = dt;
    if (seed !== undefined) request['seed'] = seed;
    const traces =
      readIds(this.traces.value, 'Trace neurons') ??
      (choice === 'report' ? this.reportTraces() : undefined);
    if (traces) request['traceNeurons'] = traces;
    const threads = readNumber(this.threads, 'Threads');
    if (threads !== undefined) request['threads'] = threads;
    return request;
  }
}
