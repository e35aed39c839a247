/**
 * The Lecture view's output distributions: Bernoulli (σ of a logit) and
 * multinoulli (softmax) outputs of small networks, the dogs data set's
 * mixture density network beside a single Gaussian, and the softmax of large
 * logits computed naively and stably. The worker trains and computes; the
 * page draws.
 */
import type { PageHooks } from '../page-hooks.ts';
import { LinePlot, type LineSeries } from '../plots/line-plot.ts';
import { populationColours, shade } from '../plots/theme.ts';
import { simWorker } from '../sim-client.ts';
import { fill, h, num } from '../ui/dom.ts';
import type { SoftmaxLesson } from '../worker/lecture/softmax.ts';
import { fieldMessage } from './lecture-messages.ts';

const cell = (v: number) =>
  Number.isNaN(v)
    ? h('td', { class: 'num nan', text: 'NaN' })
    : h('td', { class: 'num', text: num(v, 4) });

function softmaxTable(s: SoftmaxLesson): HTMLTableElement {
  const row = (name: string, values: number[], id: string) =>
    h('tr', { id }, h('th', { scope: 'row', text: name }), ...values.map(cell));
  return h(
    'table',
    { class: 'data', id: 'softmax-table' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', text: 'logits z' }),
        ...s.logits.map((z) => h('th', { scope: 'col', class: 'num', text: String(z) })),
      ),
    ),
    h(
      'tbody',
      {},
      row('eᶻ / Σ eᶻ (naive)', s.naive, 'softmax-naive'),
      row('e^(z − max z) / Σ e^(z − max z) (engine)', s.stable, 'softmax-stable'),
    ),
  );
}

export function mountOutputsSection(hooks: PageHooks): HTMLElement {
  const api = simWorker();
  const bernBox = h('div', { class: 'plot' });
  const multiBox = h('div', { class: 'plot' });
  const mixBox = h('div', { class: 'plot' });
  const classNote = h('p', { class: 'note' });
  const mixNote = h('p', { class: 'note', id: 'mixture-note' });
  const trainMix = h('button', {
    type: 'button',
    class: 'primary',
    text: 'Train the MDN and the Gaussian (a few seconds)',
  });
  const logits = h('input', {
    id: 'softmax-logits',
    type: 'text',
    value: '1000, 1001, 1002',
    size: 28,
  });
  const logitsError = h('small', { class: 'error', id: 'softmax-logits-error' });
  const compute = h('button', { type: 'submit', text: 'Softmax' });
  const softBox = h('div', { class: 'softmax-box' });
  const softForm = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Softmax of logits' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'softmax-logits', text: 'Logits (comma-separated)' }),
      logits,
      logitsError,
    ),
    compute,
  );
  const bern = new LinePlot(bernBox, { height: 220, xLabel: 'x', yLabel: 'P', yRange: [0, 1] });
  const multi = new LinePlot(multiBox, { height: 220, xLabel: 'x', yLabel: 'P', yRange: [0, 1] });
  const mix = new LinePlot(mixBox, {
    height: 300,
    xLabel: 'weight (kg)',
    yLabel: 'density (1/kg)',
    yFromZero: true,
  });

  const showClasses = async () => {
    const r = await api.classOutputs();
    if (!r.ok) return fieldMessage(hooks, classNote, r.error.message);
    const { bernoulli: b, multinoulli: m } = r.result;
    bern.setData(Float64Array.from(b.x), [
      { label: 'network σ(wx + b)', colour: populationColours[0], values: b.p[0]!, width: 2 },
      {
        label: 'true posterior σ(2x)',
        colour: '#5f6368',
        values: b.truth!,
        width: 2,
        dash: [6, 4],
      },
    ]);
    multi.setData(
      Float64Array.from(m.x),
      m.p.map((p, k) => ({
        label: `P(class ${k} | x)`,
        colour: populationColours[k]!,
        values: p,
        width: 2,
      })),
    );
    classNote.textContent = `Bernoulli: one logit, P(1 | x) = σ(wx + b), trained by binary cross-entropy on 200 points (classes N(∓1, 1)); final loss ${num(b.loss)} nats. Multinoulli: three logits through a softmax, trained by cross-entropy on 300 points (classes at −2, 0, 2); final loss ${num(m.loss)} nats. The probabilities sum to 1 at every x.`;
    hooks.lessons.outputs.classesDrawn = true;
  };

  const runMixture = async () => {
    trainMix.disabled = true;
    mixNote.textContent = 'Training both networks on the dogs data set in the worker…';
    const t0 = performance.now();
    const r = await api.mixture();
    trainMix.disabled = false;
    if (!r.ok) {
      mixNote.textContent = '';
      return fieldMessage(hooks, mixNote, r.error.message);
    }
    const l = r.result;
    const series: LineSeries[] = [
      { label: 'test weights (histogram)', colour: '#b8bcc2', values: l.histogram, width: 1.5 },
      ...l.components.map((c, j) => ({
        label: `π${j + 1} = ${num(c.weight, 2)}, μ ≈ ${num(c.meanKg, 3)} kg`,
        colour: shade(populationColours[0], 0.35 + 0.1 * j),
        values: c.density,
        width: 1.25,
        dash: [4, 3],
      })),
      {
        label: `mixture (NLL ${num(l.mixtureNll)})`,
        colour: populationColours[0],
        values: l.mixture,
        width: 2,
      },
      {
        label: `single Gaussian (NLL ${num(l.gaussianNll)})`,
        colour: populationColours[1],
        values: l.gaussian,
        width: 2,
      },
    ];
    mix.setData(Float64Array.from(l.kg), series);
    mixNote.textContent = `Test negative log-likelihood over ${l.testSamples} dogs: mixture ${num(l.mixtureNll)} nats, single Gaussian ${num(l.gaussianNll)} nats (lower is better); trained in ${num((performance.now() - t0) / 1000)} s. The Gaussian must spread one bell over four breeds and puts part of its mass below 0 kg.`;
    hooks.lessons.outputs.mixture = { mixtureNll: l.mixtureNll, gaussianNll: l.gaussianNll };
  };

  const runSoftmax = async () => {
    logitsError.textContent = '';
    const parts = logits.value.split(',').map((s) => s.trim());
    const bad = parts.find((s) => s === '' || !Number.isFinite(Number(s)));
    if (bad !== undefined)
      return fieldMessage(
        hooks,
        logitsError,
        `logits: got "${bad}"; allowed: numbers separated by commas`,
      );
    const r = await api.softmax({ logits: parts.map(Number) });
    if (!r.ok) return fieldMessage(hooks, logitsError, r.error.message);
    fill(softBox, softmaxTable(r.result));
    hooks.lessons.outputs.softmax = r.result;
  };
  softForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void runSoftmax();
  });
  trainMix.addEventListener('click', () => void runMixture());
  void showClasses();
  void runSoftmax();

  return h(
    'section',
    { class: 'card outputs-card' },
    h('h2', { text: 'Output distributions' }),
    h('p', {
      class: 'lead',
      text: 'The output layer and the loss say which distribution the network predicts: a sigmoid unit is a Bernoulli, a softmax a multinoulli, a linear unit with squared error a Gaussian of fixed spread, and a mixture density network a mixture of Gaussians whose weights, means and spreads all depend on the input.',
    }),
    h(
      'div',
      { class: 'pair' },
      h('figure', {}, h('h3', { text: 'Bernoulli: P(y = 1 | x)' }), bernBox),
      h('figure', {}, h('h3', { text: 'Multinoulli: P(y = k | x)' }), multiBox),
    ),
    classNote,
    h('h3', {
      text: 'Mixture density network on the dogs data set (weight from height, coat and age)',
    }),
    trainMix,
    mixBox,
    mixNote,
    h('h3', { text: 'The numerically stable softmax' }),
    h('p', {
      class: 'note',
      text: 'e¹⁰⁰⁰ overflows a double to ∞, so the formula as written gives ∞/∞ = NaN. Softmax is unchanged by subtracting a constant from every logit; the engine subtracts the largest, so no exponent is positive.',
    }),
    softForm,
    softBox,
  );
}
