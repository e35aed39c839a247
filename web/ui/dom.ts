/** A small element builder: the page is plain DOM, no framework. */

type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => !!c));
}

const intFormat = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567". */
export function int(x: number): string {
  return intFormat.format(Math.round(x));
}

/** A number with `digits` significant figures, no exponent for everyday magnitudes. */
export function num(x: number | null, digits = 3): string {
  if (x === null || !Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e6 || a < 1e-3) return x.toExponential(digits - 1);
  return Number(x.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** Seconds as "0.213 s" or "213 ms". */
export function seconds(s: number): string {
  return s >= 1 ? `${num(s)} s` : `${num(s * 1000)} ms`;
}
