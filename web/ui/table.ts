/** A data table: column headers, the first cell of each row as its header. */
import { h } from './dom.ts';

export interface TableOptions {
  caption?: string;
  id?: string;
  /** Right-aligned columns (numbers), by index. */
  numeric?: readonly number[];
}

export function dataTable(
  columns: readonly string[],
  rows: readonly (readonly string[])[],
  opts: TableOptions = {},
): HTMLTableElement {
  const right = new Set(opts.numeric ?? []);
  const cls = (j: number) => (right.has(j) ? 'num' : undefined);
  return h(
    'table',
    { class: 'data', id: opts.id },
    opts.caption ? h('caption', { text: opts.caption }) : null,
    h(
      'thead',
      {},
      h('tr', {}, ...columns.map((c, j) => h('th', { scope: 'col', class: cls(j), text: c }))),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          {},
          ...r.map((cell, j) =>
            j === 0
              ? h('th', { scope: 'row', text: cell })
              : h('td', { class: cls(j), text: cell }),
          ),
        ),
      ),
    ),
  );
}
