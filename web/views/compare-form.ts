/**
 * The Compare view's controls: open a report written by `spikelab compare`
 * (picked or dropped), or run a small comparison in the worker (data set,
 * input coding, ticks, samples, epochs, seed) with Run comparison and
 * Cancel. The worker validates the request; only what it cannot know (an
 * unparsable number) is checked here.
 */
import { formatBytes } from '../../src/core/memory.ts';
import { fieldInfo } from '../../src/core/schema-fields.ts';
import { compareOptionsSchema } from '../../src/harness/compare-options.ts';
import { h } from '../ui/dom.ts';
import { field, numberInput, readNumber, select } from '../ui/form.ts';
import { compareRequestSchema } from '../worker/compare-request.ts';

/** Each input's bounds and default, read off the schemas the worker validates with. */
const limits = (key: keyof typeof compareRequestSchema.shape) => {
  const request = fieldInfo(compareRequestSchema.shape[key]);
  const own = key in compareOptionsSchema.shape ? compareOptionsSchema.shape[key as 'seed'] : null;
  return { ...request, default: own ? fieldInfo(own).default : request.default };
};
const TIMESTEPS = limits('timesteps');
const SAMPLES = limits('samples');
const EPOCHS = limits('epochs');
const SEED = limits('seed');
const ENCODING = limits('encoding');

export interface CompareFormHandlers {
  onRun: (request: Record<string, unknown>) => void;
  onCancel: () => void;
  onFile: (f: File) => void;
  onError: (message: string) => void;
}

const DATASETS = [
  ['digits', 'Digits (8×8 images)'],
  ['iris', 'Iris (150 flowers)'],
  ['xor', 'XOR (4 points)'],
] as const;
const ABOUT: Record<string, string> = {
  digits: '1,797 handwritten digits, 64 pixels; MLP 64-256-10',
  iris: '3 species, 4 measurements; MLP 4-16-3',
  xor: 'the four points of XOR; MLP 2-16-1',
};
const ENCODINGS = [
  ['current', 'Constant current'],
  ['poisson', 'Poisson rate'],
  ['ttfs', 'Time to first spike'],
] as const;

export class CompareForm {
  readonly element: HTMLElement;
  readonly runButton: HTMLButtonElement;
  readonly cancelButton: HTMLButtonElement;
  private readonly fileName: HTMLElement;
  private readonly dataset: HTMLSelectElement;
  private readonly encoding: HTMLSelectElement;
  private readonly timesteps: HTMLInputElement;
  private readonly samples: HTMLInputElement;
  private readonly epochs: HTMLInputElement;
  private readonly seed: HTMLInputElement;

  constructor(maxFileBytes: number, handlers: CompareFormHandlers) {
    const fileInput = h('input', {
      id: 'report-file',
      name: 'report-file',
      type: 'file',
      accept: '.json,application/json',
      class: 'visually-hidden',
    });
    this.fileName = h('span', {
      class: 'file-name',
      id: 'report-file-name',
      text: 'no report open',
    });
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      fileInput.value = ''; // the same file chosen again is read again
      if (!f) return;
      if (f.size > maxFileBytes) {
        handlers.onError(
          `${f.name}: ${formatBytes(f.size)}; allowed: reports up to ${formatBytes(maxFileBytes)} in the page`,
        );
        return;
      }
      handlers.onFile(f);
    });

    this.dataset = select('cmp-dataset', DATASETS, 'digits', {
      'aria-describedby': 'cmp-dataset-hint',
    });
    this.encoding = select('cmp-encoding', ENCODINGS, String(ENCODING.default ?? 'current'));
    this.timesteps = numberInput('cmp-timesteps', Number(TIMESTEPS.default), {
      min: TIMESTEPS.min!,
      max: TIMESTEPS.max!,
      step: 1,
      'aria-describedby': 'cmp-timesteps-hint',
    });
    this.samples = numberInput('cmp-samples', '', {
      min: SAMPLES.min!,
      step: 1,
      placeholder: SAMPLES.defaultDescription ?? 'all',
    });
    this.epochs = numberInput('cmp-epochs', '', {
      min: EPOCHS.min!,
      max: EPOCHS.max!,
      step: 1,
      placeholder: 'the data set’s default',
    });
    this.seed = numberInput('cmp-seed', Number(SEED.default), { min: SEED.min!, step: 1 });
    this.runButton = h('button', { type: 'submit', class: 'primary', text: 'Run comparison' });
    this.cancelButton = h('button', { type: 'button', text: 'Cancel', disabled: true });

    const datasetField = field('Data set', this.dataset, ABOUT['digits']);
    this.dataset.addEventListener('change', () => {
      const hint = datasetField.querySelector('.hint');
      if (hint) hint.textContent = ABOUT[this.dataset.value] ?? '';
    });

    const runForm = h(
      'form',
      { class: 'sim-form', 'aria-label': 'Comparison settings', novalidate: true },
      h(
        'fieldset',
        {},
        h('legend', { text: 'Run a comparison' }),
        datasetField,
        field('Input coding', this.encoding),
        field(
          'Time steps',
          this.timesteps,
          `ticks of 1 ms per test sample (${TIMESTEPS.min}–${TIMESTEPS.max})`,
        ),
        field('Test samples', this.samples),
        field('Training epochs', this.epochs),
        field('Seed', this.seed),
      ),
      h('div', { class: 'buttons' }, this.runButton, this.cancelButton),
    );
    runForm.addEventListener('submit', (e) => {
      e.preventDefault();
      try {
        handlers.onRun(this.read());
      } catch (err) {
        handlers.onError((err as Error).message);
      }
    });
    this.cancelButton.addEventListener('click', () => handlers.onCancel());

    this.element = h(
      'div',
      {},
      h(
        'fieldset',
        { class: 'report-open' },
        h('legend', { text: 'Open a report' }),
        h(
          'div',
          { class: 'drop-zone' },
          h('label', { for: 'report-file', class: 'button', text: 'Choose report…' }),
          fileInput,
          this.fileName,
          h('small', {
            class: 'hint',
            text: 'a JSON report of spikelab compare; or drop one anywhere on this page',
          }),
        ),
      ),
      runForm,
    );
  }

  showSource(text: string): void {
    this.fileName.textContent = text;
  }

  setRunning(running: boolean): void {
    this.runButton.disabled = running;
    this.cancelButton.disabled = !running;
    if (running) this.cancelButton.focus();
    else if (document.activeElement === this.cancelButton) this.runButton.focus();
  }

  /** The request as typed in (blanks left out); the worker validates the rest. */
  private read(): Record<string, unknown> {
    const request: Record<string, unknown> = {
      dataset: this.dataset.value,
      encoding: this.encoding.value,
    };
    const numbers: [string, HTMLInputElement, string][] = [
      ['timesteps', this.timesteps, 'Time steps'],
      ['samples', this.samples, 'Test samples'],
      ['epochs', this.epochs, 'Training epochs'],
      ['seed', this.seed, 'Seed'],
    ];
    for (const [key, input, label] of numbers) {
      const v = readNumber(input, label);
      if (v !== undefined) request[key] = v;
    }
    return request;
  }
}
