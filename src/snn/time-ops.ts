/**
 * Reductions over the time axis of time-major rows (row t·B + b): the sum
 * over ticks (spike counts, summed membrane) and the last tick alone.
 */
import { apply, defineOp, type Var } from '../ann/graph.ts';
import { mismatch } from '../ann/ops/shape-check.ts';

interface TimeAttrs {
  readonly ticks: number;
  readonly batch: number;
}

function timeShape(name: string, shape: readonly number[], { ticks, batch }: TimeAttrs) {
  if (shape.length !== 2 || shape[0] !== ticks * batch)
    throw mismatch(name, `input [${shape.join(', ')}]; allowed: [${ticks * batch}, C]`);
  return [batch, shape[1]!];
}

const sumOverTimeOp = defineOp<TimeAttrs, undefined>({
  name: 'snn-sum-over-time',
  shape: ([x], a) => timeShape('snn-sum-over-time', x!.shape, a),
  forward([x], out, { ticks, batch }) {
    const n = batch * x!.shape[1]!;
    const d = x!.data;
    out.fill(0);
    for (let t = 0; t < ticks; t++) for (let k = 0; k < n; k++) out[k] = out[k]! + d[t * n + k]!;
  },
  backward({ inputs: [x], attrs: { ticks, batch } }, dy, [gx]) {
    if (!gx) return;
    const n = batch * x!.shape[1]!;
    for (let t = 0; t < ticks; t++)
      for (let k = 0; k < n; k++) gx[t * n + k] = gx[t * n + k]! + dy[k]!;
  },
});

const lastTickOp = defineOp<TimeAttrs, undefined>({
  name: 'snn-last-tick',
  shape: ([x], a) => timeShape('snn-last-tick', x!.shape, a),
  forward([x], out, { ticks, batch }) {
    const n = batch * x!.shape[1]!;
    out.set(x!.data.subarray((ticks - 1) * n, ticks * n));
  },
  backward({ inputs: [x], attrs: { ticks, batch } }, dy, [gx]) {
    if (!gx) return;
    const n = batch * x!.shape[1]!;
    const o = (ticks - 1) * n;
    for (let k = 0; k < n; k++) gx[o + k] = gx[o + k]! + dy[k]!;
  },
});

/** The maximum over ticks per sample and unit (stork's max-over-time readout); the gradient goes to the first maximum. */
const maxOverTimeOp = defineOp<TimeAttrs, Int32Array>({
  name: 'snn-max-over-time',
  shape: ([x], a) => timeShape('snn-max-over-time', x!.shape, a),
  forward([x], out, { ticks, batch }) {
    const n = batch * x!.shape[1]!;
    const d = x!.data;
    const at = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = d[k]!;
    for (let t = 1; t < ticks; t++)
      for (let k = 0; k < n; k++)
        if (d[t * n + k]! > out[k]!) {
          out[k] = d[t * n + k]!;
          at[k] = t;
        }
    return at;
  },
  backward({ inputs: [x], attrs: { batch }, saved: at }, dy, [gx]) {
    if (!gx) return;
    const n = batch * x!.shape[1]!;
    for (let k = 0; k < n; k++) gx[at[k]! * n + k] = gx[at[k]! * n + k]! + dy[k]!;
  },
});

export const maxOverTime = (x: Var, ticks: number, batch: number): Var =>
  apply(maxOverTimeOp, [x], { ticks, batch });
export const sumOverTime = (x: Var, ticks: number, batch: number): Var =>
  apply(sumOverTimeOp, [x], { ticks, batch });
export const lastTick = (x: Var, ticks: number, batch: number): Var =>
  apply(lastTickOp, [x], { ticks, batch });
