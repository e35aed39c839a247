/**
 * The weight nodes between two populations folded into one matrix per extra
 * delay (a NIR Delay splits a chain by its ticks): the CSR projections of
 * the engine, and the constants (biases, input currents) carried along the
 * same chains to the populations they reach.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import { type FlatGraph, NEURON_TYPES, successors } from './flatten.ts';
import { applyToVector, type Csr, compose } from './linear-map.ts';
import type { ShapedGraph } from './shapes.ts';

export interface Contribution {
  pre: string;
  post: string;
  /** By extra delay (ticks): the folded matrix, rows = pre neurons, columns = post neurons. */
  layers: Map<number, Csr>;
}

export const count = (s: number[]) => s.reduce((a, b) => a * b, 1);
export const isPopulation = (g: FlatGraph, n: string) =>
  g.inputs.includes(n) || NEURON_TYPES.has(g.nodes.get(n)!.type);

function splitByDelay(m: Csr, ticks: Int32Array, base: number): Map<number, Csr> {
  const out = new Map<number, Csr>();
  for (const d of new Set(ticks)) {
    const rowStart = new Uint32Array(m.rows + 1);
    const cols: number[] = [];
    const values: number[] = [];
    for (let r = 0; r < m.rows; r++) {
      for (let k = m.rowStart[r]!; k < m.rowStart[r + 1]!; k++) {
        if (ticks[m.cols_[k]!] !== d) continue;
        cols.push(m.cols_[k]!);
        values.push(m.values[k]!);
      }
      rowStart[r + 1] = cols.length;
    }
    out.set(base + d, {
      rows: m.rows,
      cols: m.cols,
      rowStart,
      cols_: Uint32Array.from(cols),
      values: Float64Array.from(values),
    });
  }
  return out;
}

/** Every population reached from `source` through weight nodes only, with the folded matrices. */
export function contributions(
  g: ShapedGraph,
  source: string,
  dt: number,
  budget: number,
  readouts: { name: string; population: string }[],
): Contribution[] {
  const succ = successors(g);
  const found: Contribution[] = [];
  const n = count(g.shapes.get(source)!);
  const start = new Map([
    [
      0,
      {
        rows: n,
        cols: n,
        rowStart: Uint32Array.from({ length: n + 1 }, (_, i) => i),
        cols_: Uint32Array.from({ length: n }, (_, i) => i),
        values: new Float64Array(n).fill(1),
      },
    ],
  ]);
  const walk = (node: string, layers: Map<number, Csr>, path: string[]) => {
    for (const next of succ.get(node)!) {
      if (isPopulation(g, next)) {
        if (g.inputs.includes(next))
          throw new SpikelabError(
            'INVALID_FILE',
            `edge ${node} → ${next}: an edge into an Input node`,
          );
        found.push({ pre: source, post: next, layers });
        continue;
      }
      if (g.outputs.includes(next)) {
        const op = path.find((p) => g.nodes.get(p)!.type !== 'Identity');
        if (op)
          throw new SpikelabError(
            'NOT_APPLICABLE',
            `Output ${next} reads ${source} through ${op} (${g.nodes.get(op)!.type}), a weight node: spikelab reads out neuron populations only`,
          );
        readouts.push({ name: next, population: source });
        continue;
      }
      if (path.includes(next))
        throw new SpikelabError(
          'INVALID_FILE',
          `a cycle of weight nodes without a neuron: ${[...path, next].join(' → ')}`,
        );
      const op = g.ops.get(next)!;
      let out = new Map<number, Csr>();
      for (const [d, m] of layers)
        out.set(d, compose(m, op, `projection ${source} → … → ${next}`, budget));
      const node_ = g.nodes.get(next)!;
      if (node_.type === 'Delay') {
        const delay = node_.params.delay!.data;
        const ticks = Int32Array.from({ length: op.cols }, (_, i) =>
          Math.round((delay.length === 1 ? delay[0]! : delay[i]!) / dt),
        );
        const split = new Map<number, Csr>();
        for (const [d, m] of out)
          for (const [d2, m2] of splitByDelay(m, ticks, d)) split.set(d2, m2);
        out = split;
      }
      walk(next, out, [...path, next]);
    }
  };
  walk(source, start, []);
  return found;
}

/** A constant vector leaving `from` (a bias, an input current), carried to the populations it reaches. */
export function carry(
  g: ShapedGraph,
  from: string,
  x: Float64Array,
  into: Map<string, Float64Array>,
): void {
  const succ = successors(g);
  for (const next of succ.get(from)!) {
    if (isPopulation(g, next)) {
      const acc = into.get(next) ?? new Float64Array(count(g.shapes.get(next)!));
      for (let i = 0; i < acc.length; i++) acc[i]! += x[i]!;
      into.set(next, acc);
    } else if (!g.outputs.includes(next)) {
      carry(g, next, applyToVector(x, g.ops.get(next)!), into);
    }
  }
}

/** s when the folded map is s times the identity (and the input factor one value), else null. */
export function uniformGain(layers: Map<number, Csr>, inFactor: Float64Array): number | null {
  const m = layers.get(0);
  if (layers.size !== 1 || !m || m.rows !== m.cols || m.values.length !== m.rows) return null;
  for (let r = 0; r < m.rows; r++) {
    if (
      m.rowStart[r] !== r ||
      m.cols_[r] !== r ||
      m.values[r] !== m.values[0] ||
      inFactor[r] !== inFactor[0]
    )
      return null;
  }
  return m.values[0]! * inFactor[0]!;
}
