/**
 * The Simulate view's form: network (reference model or file, picked or
 * dropped), size, duration, dt, seed, platform, traced neurons; Run and
 * Cancel. It reads the inputs into a request for the worker, which
 * validates it; only what the worker cannot know (no file chosen, an
 * unreadable file, a malformed list of ids) is checked here.
 */
import { formatBytes } from '../../src/core/memory.ts';
import { h } from '../ui/dom.ts';
import type { Catalog } from '../worker/api.ts';

export interface FormHandlers {
  onRun: (request: Record<string, unknown>) => void;
  onCancel: () => void;
  onError: (message: string) => void;
}

function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = input.id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    input,
    hint ? h('small', { id: `${id}-hint`, class: 'hint', text: hint }) : null,
  );
}

function numberInput(id: string, value: number | string, attrs: Record<string, string | number>) {
  return h('input', { id, name: id, type: 'number', inputmode: 'decimal', value, ...attrs });
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
  private readonly sizeFields: { n: HTMLElement; scale: HTMLElement; file: HTMLElement };
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
      accept: '.json,application/json',
      class: 'visually-hidden',
    });
    this.fileName = h('span', { class: 'file-name', text: 'no file chosen' });
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
    this.runButton = h('button', { type: 'submit', class: 'primary', text: 'Run' });
    this.cancelButton = h('button', { type: 'button', text: 'Cancel', disabled: true });

    const dropZone = h(
      'div',
      { class: 'drop-zone', id: 'drop-zone' },
      h('label', { for: 'network-file', class: 'button', text: 'Choose file…' }),
      this.fileInput,
      this.fileName,
      h('small', { class: 'hint', text: 'or drop a network JSON file anywhere on this page' }),
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
    this.showSizeField();
  }

  /** A file chosen or dropped: the network becomes that file. */
  setFile(f: File): void {
    this.file = f;
    this.fileName.textContent = `${f.name} (${formatBytes(f.size)})`;
    this.network.value = 'file';
    this.showSizeField();
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
    if (about) about.textContent = model ? model.about : 'your own network (spikelab network JSON)';
    this.sizeFields.n.hidden = model?.size !== 'n';
    this.sizeFields.scale.hidden = model?.size !== 'scale';
    this.sizeFields.file.hidden = choice !== 'file';
    // a file brings its own dt and seed (its delays are tied to its dt): the fields start blank,
    // and a value typed afterwards overrides the file's
    if (choice !== this.lastChoice) {
      const fromFile = choice === 'file';
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

  /** The request as typed in (numbers parsed, blanks left out); the worker validates the rest. */
  private async read(): Promise<Record<string, unknown>> {
    const choice = this.network.value;
    let network: Record<string, unknown>;
    if (choice === 'file') {
      if (!this.file)
        throw new Error(
          'Network file: none chosen; choose a network JSON file or drop one on the page',
        );
      if (this.file.size > this.catalog.limits.maxFileBytes) {
        throw new Error(
          `${this.file.name}: ${formatBytes(this.file.size)}; allowed: files up to ${formatBytes(this.catalog.limits.maxFileBytes)} in the page`,
        );
      }
      let text: string;
      try {
        text = await this.file.text();
      } catch (e) {
        throw new Error(`${this.file.name}: cannot read (${(e as Error).message})`);
      }
      network = { kind: 'file', name: this.file.name, text };
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
    const traces = readIds(this.traces.value);
    if (traces) request['traceNeurons'] = traces;
    return request;
  }
}

/** A number field's value; blank is undefined, anything unparsable an error naming the field. */
function readNumber(input: HTMLInputElement, label: string): number | undefined {
  const raw = input.value.trim();
  if (raw === '') {
    // type=number reports text it cannot parse as an empty value with badInput set
    if (input.validity.badInput) throw new Error(`${label}: not a number; allowed: a number`);
    return undefined;
  }
  const v = Number(raw);
  if (!Number.isFinite(v)) throw new Error(`${label}: got "${raw}"; allowed: a number`);
  return v;
}

function readIds(text: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((p) => {
    const v = Number(p);
    if (!(Number.isInteger(v) && v >= 0))
      throw new Error(
        `Trace neurons: got "${p}"; allowed: neuron ids (integers ≥ 0) separated by commas`,
      );
    return v;
  });
}
