/**
 * The Lecture view's pulse coding: one stimulus as a rate, a latency and a
 * population code, each driving a LIF neuron in the spiking engine (in the
 * worker); the page draws each code's raster, the neuron's membrane, the
 * decoded value, and the decoding error against the window length.
 */
import type { PageHooks } from '../page-hooks.ts';
import { LinePlot } from '../plots/line-plot.ts';
import { drawSmallRaster } from '../plots/small-raster.ts';
import { populationColours } from '../plots/theme.ts';
import { simWorker } from '../sim-client.ts';
import { h, num } from '../ui/dom.ts';
import type { Code, CodingLesson } from '../worker/lecture/pulse-coding.ts';
import { fieldMessage } from './lecture-messages.ts';

const titles: Record<Code, string> = {
  rate: 'Rate code: 10 Poisson inputs at s·100 Hz',
  latency: 'Latency code: 10 inputs, first spike at (1 − s)·19.9 ms',
  population: 'Population code: 16 tuned inputs (width 0.15)',
};

export function mountCodingSection(hooks: PageHooks): HTMLElement {
  const api = simWorker();
  const stimulus = h('input', {
    id: 'coding-stimulus',
    type: 'text',
    inputmode: 'decimal',
    value: '0.6',
    size: 5,
  });
  const stimulusError = h('small', { class: 'error', id: 'coding-stimulus-error' });
  const encode = h('button', { type: 'submit', class: 'primary', text: 'Encode and simulate' });
  const status = h('p', { class: 'status', role: 'status', id: 'coding-status' });
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Pulse coding' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'coding-stimulus', text: 'Stimulus s (0.05–1)' }),
      stimulus,
      stimulusError,
    ),
    encode,
  );
  const codes: Code[] = ['rate', 'latency', 'population'];
  const cols = codes.map((code, k) => {
    const canvas = h('canvas', { class: 'small-raster', 'data-code': code });
    const vBox = h('div', { class: 'plot' });
    const decoded = h('p', { class: 'note', 'data-decoded': code });
    const figure = h(
      'figure',
      { class: 'code-column' },
      h('h3', { text: titles[code] }),
      canvas,
      vBox,
      decoded,
    );
    const v = new LinePlot(vBox, { height: 150, xLabel: 't (ms)', yLabel: 'v (mV)' });
    return { code, k, canvas, v, decoded, figure };
  });
  const errBox = h('div', { class: 'plot' });
  const errPlot = new LinePlot(errBox, {
    height: 240,
    xLabel: 'log₁₀ window (ms)',
    yLabel: '|ŝ − s|',
    yFromZero: true,
  });
  const summary = h('p', { class: 'note', id: 'coding-summary' });

  const show = (l: CodingLesson) => {
    const vt = Float64Array.from(l.vt);
    for (const c of cols) {
      const run = l.runs.find((r) => r.code === c.code)!;
      drawSmallRaster(c.canvas, {
        durationMs: 200,
        rows: run.input.sources,
        t: run.input.t,
        row: run.input.id,
        output: run.output,
        inputColour: '#7a7a7a',
        outputColour: populationColours[c.k]!,
      });
      c.v.setData(vt, [
        { label: 'LIF v', colour: populationColours[c.k]!, values: run.v, width: 1.5 },
      ]);
      const first = run.output.length ? `first spike at ${num(run.output[0]!)} ms, ` : 'no spike, ';
      c.decoded.textContent = `Decoded from 200 ms of input: ŝ = ${num(run.decoded)} (s = ${l.stimulus}). LIF: ${first}${run.output.length} spike${run.output.length === 1 ? '' : 's'} in 200 ms.`;
    }
    errPlot.setData(
      Float64Array.from(l.windows, Math.log10),
      codes.map((code, k) => ({
        label: code,
        colour: populationColours[k]!,
        values: l.errors[code],
        width: 2,
        points: true,
      })),
    );
    const at = (code: Code, w: number) => num(l.errors[code][l.windows.indexOf(w)]!);
    summary.textContent = `Mean decoding error over ${l.trials} trials. The latency code is read as soon as its volley has arrived (at ${num((1 - l.stimulus) * 19.9)} ms), to within ${num(l.latencyErrorMs)} ms in time; the rate code needs its spikes counted: error ${at('rate', 10)} after 10 ms, ${at('rate', 100)} after 100 ms. The population code counts too, but over 16 inputs at once.`;
    hooks.lessons.coding = {
      latencyErrorMs: l.latencyErrorMs,
      rateError100: l.errors.rate[l.windows.indexOf(100)]!,
      decoded: Object.fromEntries(l.runs.map((r) => [r.code, r.decoded])),
    };
  };

  const run = async () => {
    stimulusError.textContent = '';
    const raw = stimulus.value.trim();
    const s = Number(raw);
    const t0 = performance.now();
    status.textContent = 'Simulating the three codes in the worker…';
    const r = await api.coding({ stimulus: raw === '' || !Number.isFinite(s) ? raw : s });
    if (!r.ok) {
      status.textContent = 'No result.';
      fieldMessage(hooks, stimulusError, r.error.message);
      return;
    }
    show(r.result);
    status.textContent = `Simulated ${r.result.trials} trials of 200 ms in ${num((performance.now() - t0) / 1000)} s.`;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  void run();

  return h(
    'section',
    { class: 'card coding-card' },
    h('h2', { text: 'Pulse coding: rate, latency and population codes' }),
    h('p', {
      class: 'lead',
      text: 'Biological neurons talk in spikes. A value can be carried by how many spikes arrive (a rate, read over ~100 ms), by when the first spike arrives (a latency, precise to about 1 ms), or by which of many tuned neurons fire (a population). Each code below drives one leaky integrate-and-fire neuron (IF_curr_exp) in the spiking engine; grey rows are the inputs, the coloured top row the neuron.',
    }),
    form,
    status,
    h('div', { class: 'codes' }, ...cols.map((c) => c.figure)),
    h('figure', {}, h('h3', { text: 'Decoding error against the window read' }), errBox),
    summary,
  );
}
