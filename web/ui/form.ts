/** Form pieces shared by the views: a labelled field, number inputs and reading them. */
import { h } from './dom.ts';

/** A label above its input, and an optional hint the input is described by. */
export function field(label: string, input: HTMLElement, hint?: string): HTMLElement {
  const id = input.id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id, text: label }),
    input,
    hint ? h('small', { id: `${id}-hint`, class: 'hint', text: hint }) : null,
  );
}

export function numberInput(
  id: string,
  value: number | string,
  attrs: Record<string, string | number>,
): HTMLInputElement {
  return h('input', { id, name: id, type: 'number', inputmode: 'decimal', value, ...attrs });
}

/** A number field's value; blank is undefined, anything unparsable an error naming the field. */
export function readNumber(input: HTMLInputElement, label: string): number | undefined {
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

/** A select of [value, text] options with one chosen. */
export function select(
  id: string,
  options: readonly (readonly [string, string])[],
  value: string,
  attrs: Record<string, string> = {},
): HTMLSelectElement {
  const el = h('select', { id, name: id, ...attrs });
  for (const [v, text] of options) el.append(h('option', { value: v, text }));
  el.value = value;
  return el;
}

/** A list of ids (integers ≥ 0) separated by commas, spaces or semicolons; blank is undefined. */
export function readIds(text: string, label: string): number[] | undefined {
  const parts = text.split(/[\s,;]+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((p) => {
    const v = Number(p);
    if (!(Number.isInteger(v) && v >= 0))
      throw new Error(
        `${label}: got "${p}"; allowed: neuron ids (integers ≥ 0) separated by commas`,
      );
    return v;
  });
}
