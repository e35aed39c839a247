/**
 * The Lecture view's computation graph: a preset expression recorded on the
 * engine's tape in the worker, drawn in the tape's topological order, with
 * the gradient table filled one backward step at a time and one SGD step
 * on the trainable inputs. The worker computes every number; this only draws.
 */
import type { PageHooks } from '../page-hooks.ts';
import { drawGraph, showVector } from '../plots/graph-svg.ts';
import { simWorker } from '../sim-client.ts';
import { fill, h } from '../ui/dom.ts';
import { select } from '../ui/form.ts';
import type { GraphLesson } from '../worker/lecture/graph.ts';
import { type GraphPreset, presetInfo } from '../worker/lecture/graph-presets.ts';
import { fieldMessage } from './lecture-messages.ts';

export function mountGraphSection(hooks: PageHooks): HTMLElement {
  const api = simWorker();
  const preset = select(
    'graph-preset',
    presetInfo.map((p) => [p.id, p.title] as const),
    'tiny',
  );
  const eta = h('input', {
    id: 'graph-eta',
    type: 'text',
    inputmode: 'decimal',
    value: '0.1',
    size: 5,
  });
  const inputs = h('div', { class: 'inline-form graph-inputs' });
  const formula = h('p', { class: 'note formula' });
  const record = h('button', { type: 'submit', class: 'primary', text: 'Record' });
  const stepBtn = h('button', { type: 'button', text: 'Backward step' });
  const allBtn = h('button', { type: 'button', text: 'All steps' });
  const sgdBtn = h('button', { type: 'button', text: 'Take the SGD step' });
  const status = h('p', { class: 'status', role: 'status', id: 'graph-status' });
  const picture = h('div', { class: 'graph-box', id: 'graph-picture' });
  const table = h('div', { class: 'graph-table' });
  const update = h('p', { class: 'note', id: 'graph-update' });
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Computation graph' },
    h('div', { class: 'field' }, h('label', { for: 'graph-preset', text: 'Expression' }), preset),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'graph-eta', text: 'Learning rate η' }),
      eta,
      h('small', { class: 'error', id: 'graph-eta-error' }),
    ),
    record,
    stepBtn,
    allBtn,
    sgdBtn,
  );
  let fields = new Map<string, HTMLInputElement>();
  let lesson: GraphLesson | null = null;
  let step = 0;

  const buildInputs = () => {
    const info = presetInfo.find((p) => p.id === preset.value)!;
    formula.textContent = info.formula;
    fields = new Map();
    fill(
      inputs,
      ...info.inputs.map((i) => {
        const id = `graph-in-${i.name}`;
        const input = h('input', {
          id,
          type: 'text',
          inputmode: 'decimal',
          value: i.value,
          size: 5,
        });
        fields.set(i.name, input);
        return h(
          'div',
          { class: 'field' },
          h('label', { for: id, text: i.trainable ? `${i.name} (trained)` : i.name }),
          input,
          h('small', { class: 'error', id: `${id}-error` }),
        );
      }),
    );
  };

  const render = () => {
    if (!lesson) return;
    const seeded = lesson.steps[0]?.table.map((g, i) => (i === lesson!.root ? g : null)) ?? [];
    const grads = step === 0 ? seeded : lesson.steps[step - 1]!.table;
    const active = step === 0 ? -1 : lesson.steps[step - 1]!.node;
    drawGraph(picture, { nodes: lesson.nodes, grads, active });
    const rows = lesson.nodes.map((n) =>
      h(
        'tr',
        { class: n.id === active ? 'active' : undefined },
        h('th', { scope: 'row', text: `u${n.id + 1}` }),
        h('td', { text: n.label }),
        h('td', { text: n.op ?? (n.kind === 'trainable' ? 'input (trained)' : 'input') }),
        h('td', { text: n.parents.map((p) => `u${p + 1}`).join(', ') }),
        h('td', { class: 'num', text: showVector(n.value) }),
        h('td', {
          class: 'num',
          'data-grad': n.label,
          text: grads[n.id] ? showVector(grads[n.id]!) : '',
        }),
      ),
    );
    fill(
      table,
      h(
        'table',
        { class: 'data', id: 'gradient-table' },
        h('caption', {
          text: `Gradient table after ${step} of ${lesson.steps.length} backward steps (reverse topological order)`,
        }),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...['node', 'name', 'op', 'inputs', 'value', '∂J/∂u'].map((c) =>
              h('th', { scope: 'col', text: c }),
            ),
          ),
        ),
        h('tbody', {}, ...rows),
      ),
    );
    const done = step === lesson.steps.length;
    update.textContent = done
      ? `One SGD step (η = ${lesson.eta}): ${lesson.update
          .map(
            (u) =>
              `${u.name}_new = ${u.name} − η·∂J/∂${u.name} = ${showVector([u.value])} − ${lesson!.eta}·(${showVector([u.grad])}) = ${showVector([u.next])}`,
          )
          .join('; ')}.`
      : 'The SGD step needs the whole backward pass: step to the end.';
    stepBtn.disabled = done;
    allBtn.disabled = done;
    sgdBtn.disabled = !done;
    const byLabel: Record<string, number[] | null> = {};
    for (const n of lesson.nodes) byLabel[n.label] = grads[n.id] ?? null;
    hooks.lessons.graph = {
      preset: lesson.preset,
      step,
      steps: lesson.steps.length,
      grads: byLabel,
    };
  };

  const clearMessages = () => {
    for (const m of form.parentElement?.querySelectorAll('.graph-card small.error') ?? [])
      m.textContent = '';
    status.textContent = '';
  };

  const run = async () => {
    clearMessages();
    const values: Record<string, string | number> = {};
    for (const [name, input] of fields) {
      const raw = input.value.trim();
      values[name] = raw === '' || !Number.isFinite(Number(raw)) ? raw : Number(raw);
    }
    const etaRaw = eta.value.trim();
    const r = await api.graph({
      preset: preset.value as GraphPreset,
      inputs: values,
      eta: etaRaw === '' || !Number.isFinite(Number(etaRaw)) ? etaRaw : Number(etaRaw),
    });
    if (!r.ok) {
      const where = /graph\.inputs\.(\w+)/.exec(r.error.message)?.[1];
      const target = where
        ? `graph-in-${where}-error`
        : /graph\.eta/.test(r.error.message)
          ? 'graph-eta-error'
          : null;
      fieldMessage(hooks, target ? document.getElementById(target) : status, r.error.message);
      return;
    }
    lesson = r.result;
    step = 0;
    status.textContent = `Recorded ${lesson.nodes.length} nodes; J = ${showVector(lesson.nodes.find((n) => n.id === lesson!.root)!.value)}.`;
    render();
  };

  preset.addEventListener('change', () => {
    buildInputs();
    void run();
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  stepBtn.addEventListener('click', () => {
    if (lesson && step < lesson.steps.length) step++;
    render();
  });
  allBtn.addEventListener('click', () => {
    if (lesson) step = lesson.steps.length;
    render();
  });
  sgdBtn.addEventListener('click', () => {
    if (!lesson) return;
    for (const u of lesson.update) {
      const f = fields.get(u.name);
      if (f) f.value = String(Number(u.next.toPrecision(12)));
    }
    void run();
  });

  buildInputs();
  void run();
  return h(
    'section',
    { class: 'card graph-card' },
    h('h2', { text: 'Computation graphs and backpropagation' }),
    h('p', {
      class: 'lead',
      text: 'The expression is recorded on the rate engine’s tape as it runs: one node per value, u₁ … uₙ in the order they were made, which is a topological order. Backpropagation walks the tape backwards once; each step runs one op’s backward rule and adds its inputs’ share of ∂J into the gradient table. Edges carry the op that consumes them.',
    }),
    form,
    inputs,
    formula,
    status,
    picture,
    table,
    update,
  );
}
