/**
 * The Lecture view, for students: why XOR needs a hidden layer (decision
 * regions of logistic regression beside a small ReLU network, both trained
 * in the worker by the rate engine), and the activation functions with the
 * derivatives backpropagation uses.
 */
import type { PageHooks } from '../page-hooks.ts';
import { HeatmapPlot } from '../plots/heatmap-plot.ts';
import { LinePlot } from '../plots/line-plot.ts';
import { populationColours } from '../plots/theme.ts';
import { simWorker } from '../sim-client.ts';
import { fill, h, int, num } from '../ui/dom.ts';
import type { XorLesson, XorModel } from '../worker/lecture.ts';
import { mountApproximationSection } from './lecture-approximation.ts';
import { mountCodingSection } from './lecture-coding.ts';
import { mountGraphSection } from './lecture-graph.ts';
import { mountOutputsSection } from './lecture-outputs.ts';

const classColours: [string, string] = [populationColours[0], populationColours[3]];

function caption(m: XorModel): string {
  const right = Math.round(m.accuracy * 4);
  return `${m.layers.join('-')} (${int(m.parameters)} parameters), ${m.epochs} epochs: ${right} of 4 points right, loss ${num(m.loss)}`;
}

function spread(p: Float32Array): string {
  let lo = 1;
  let hi = 0;
  for (const v of p) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return `P(1) from ${num(lo, 2)} to ${num(hi, 2)} over the plane`;
}

export function mountLecture(panel: HTMLElement, hooks: PageHooks): void {
  const api = simWorker();
  const seed = h('input', { id: 'xor-seed', type: 'number', min: 0, step: 1, value: 0 });
  const hidden = h('input', {
    id: 'xor-hidden',
    type: 'number',
    min: 1,
    max: 256,
    step: 1,
    value: 16,
  });
  const train = h('button', { type: 'submit', class: 'primary', text: 'Train' });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'XOR training' },
    h('div', { class: 'field' }, h('label', { for: 'xor-seed', text: 'Seed' }), seed),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'xor-hidden', text: 'Hidden ReLU units' }),
      hidden,
    ),
    train,
    status,
  );
  const boxes = [0, 1].map(() => h('div', { class: 'heatmap' }));
  const titles = [0, 1].map(() => h('h3'));
  const captions = [0, 1].map(() => h('p', { class: 'note' }));
  const curveGrid = h('div', { class: 'curves' });

  panel.append(
    h(
      'div',
      { class: 'lecture' },
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'XOR: a straight line is not enough' }),
        h('p', {
          class: 'lead',
          text: 'Four points, two classes: (0,0) and (1,1) are class 0, (0,1) and (1,0) class 1. Logistic regression separates the plane with one straight line, so it gets at most 3 of the 4 points right; trained, it settles at P(1) ≈ ½ everywhere (loss ln 2 ≈ 0.693). One hidden layer of ReLU units bends the boundary. Colour: P(class 1); black line: P = ½.',
        }),
        form,
        h(
          'div',
          { class: 'pair' },
          ...[0, 1].map((i) =>
            h('figure', {}, titles[i]!, boxes[i]!, h('figcaption', {}, captions[i]!)),
          ),
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', { text: 'Activation functions and their derivatives' }),
        h('p', {
          class: 'lead',
          text: 'Solid: f(z). Dashed: f′(z), computed by the rate engine’s backward rule of each op (reverse-mode differentiation), the value backpropagation multiplies by. σ′ peaks at ¼, so deep sigmoid stacks shrink gradients; ReLU passes 1 or 0; leaky ReLU keeps a small slope for z < 0; softplus is a smooth ReLU whose derivative is σ.',
        }),
        curveGrid,
      ),
      mountGraphSection(hooks),
      mountApproximationSection(hooks),
      mountOutputsSection(hooks),
      mountCodingSection(hooks),
    ),
  );

  const maps = boxes.map(
    (b) => new HeatmapPlot(b, { size: 380, xLabel: 'x₁', yLabel: 'x₂', colours: classColours }),
  );

  const showXor = (l: XorLesson) => {
    l.models.forEach((m, i) => {
      titles[i]!.textContent = m.name;
      captions[i]!.textContent = `${caption(m)}. ${spread(m.probability)}.`;
      maps[i]!.setData({
        values: m.probability,
        grid: l.grid,
        lo: l.lo,
        hi: l.hi,
        points: { xy: l.points.x, label: l.points.y },
      });
    });
    hooks.lecture = {
      xorAccuracy: l.models.map((m) => m.accuracy),
      curves: hooks.lecture?.curves ?? 0,
    };
  };

  const runXor = async () => {
    train.disabled = true;
    status.textContent = 'Training both models in the worker…';
    const t0 = performance.now();
    const r = await api.xor({ seed: Number(seed.value || 0), hidden: Number(hidden.value || 16) });
    train.disabled = false;
    if (!r.ok) {
      status.textContent = '';
      fill(status, h('span', { class: 'error', role: 'alert', text: r.error.message }));
      return;
    }
    showXor(r.result);
    status.textContent = `Trained in ${num((performance.now() - t0) / 1000)} s (seed ${r.result.seed}).`;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void runXor();
  });

  const showCurves = async () => {
    const c = await api.activations();
    const z = Float64Array.from(c.z);
    for (const curve of c.curves) {
      const box = h('div', { class: 'plot' });
      curveGrid.append(h('figure', { class: 'curve' }, h('h3', { text: curve.label }), box));
      new LinePlot(box, { height: 210, xLabel: 'z', yLabel: '' }).setData(
        z,
        [
          { label: 'f(z)', colour: populationColours[0], values: curve.f, width: 2 },
          {
            label: 'f′(z)',
            colour: populationColours[1],
            values: curve.df,
            width: 2,
            dash: [6, 4],
          },
        ],
        [c.z[0]!, c.z[c.z.length - 1]!],
      );
    }
    hooks.lecture = { xorAccuracy: hooks.lecture?.xorAccuracy ?? [], curves: c.curves.length };
  };

  void Promise.all([runXor(), showCurves()]);
}
