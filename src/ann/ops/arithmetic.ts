/**
 * add, sub, mul with suffix broadcasting of the second operand, and scale by
 * a constant. The gradient of a broadcast operand sums over the copies.
 */
import { apply, defineOp, type Var } from '../graph.ts';
import type { FloatArray } from '../tensor.ts';
import { broadcastSuffix } from './shape-check.ts';

/** dst[j] += Σ over the copies of src laid over dst (length n = k·dst.length). */
function sumCopies(src: FloatArray, dst: FloatArray, scale: number): void {
  const m = dst.length;
  const n = src.length;
  for (let i = 0, j = 0; i < n; i++) {
    dst[j] = dst[j]! + scale * src[i]!;
    if (++j === m) j = 0;
  }
}

const addOp = defineOp({
  name: 'add',
  shape: ([a, b]) => broadcastSuffix('add', a!, b!),
  forward([a, b], out) {
    const x = a!.data;
    const y = b!.data;
    const m = y.length;
    for (let i = 0, j = 0; i < x.length; i++) {
      out[i] = x[i]! + y[j]!;
      if (++j === m) j = 0;
    }
  },
  backward(_ctx, dy, [ga, gb]) {
    if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]!;
    if (gb) sumCopies(dy, gb, 1);
  },
});

const subOp = defineOp({
  name: 'sub',
  shape: ([a, b]) => broadcastSuffix('sub', a!, b!),
  forward([a, b], out) {
    const x = a!.data;
    const y = b!.data;
    const m = y.length;
    for (let i = 0, j = 0; i < x.length; i++) {
      out[i] = x[i]! - y[j]!;
      if (++j === m) j = 0;
    }
  },
  backward(_ctx, dy, [ga, gb]) {
    if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]!;
    if (gb) sumCopies(dy, gb, -1);
  },
});

const mulOp = defineOp({
  name: 'mul',
  shape: ([a, b]) => broadcastSuffix('mul', a!, b!),
  forward([a, b], out) {
    const x = a!.data;
    const y = b!.data;
    const m = y.length;
    for (let i = 0, j = 0; i < x.length; i++) {
      out[i] = x[i]! * y[j]!;
      if (++j === m) j = 0;
    }
  },
  backward({ inputs: [a, b] }, dy, [ga, gb]) {
    const x = a!.data;
    const y = b!.data;
    const m = y.length;
    for (let i = 0, j = 0; i < dy.length; i++) {
      if (ga) ga[i] = ga[i]! + dy[i]! * y[j]!;
      if (gb) gb[j] = gb[j]! + dy[i]! * x[i]!;
      if (++j === m) j = 0;
    }
  },
});

const scaleOp = defineOp<{ c: number }, undefined>({
  name: 'scale',
  shape: ([a]) => a!.shape,
  forward([a], out, { c }) {
    const x = a!.data;
    for (let i = 0; i < x.length; i++) out[i] = c * x[i]!;
  },
  backward({ attrs: { c } }, dy, [ga]) {
    if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + c * dy[i]!;
  },
});

export const add = (a: Var, b: Var): Var => apply(addOp, [a, b], undefined);
export const sub = (a: Var, b: Var): Var => apply(subOp, [a, b], undefined);
export const mul = (a: Var, b: Var): Var => apply(mulOp, [a, b], undefined);
/** c · a for a constant c. */
export const scale = (a: Var, c: number): Var => apply(scaleOp, [a], { c });
