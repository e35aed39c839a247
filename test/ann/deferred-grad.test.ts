/**
 * A gradient whose write is deferred (it stays where a kernel computed it) reaches its array
 * before any rule that does not take it, and by the end of the pass; a rule that takes it sees
 * the write never happen.
 */
import { describe, expect, it } from 'vitest';
import {
  apply,
  deferGradWrite,
  defineOp,
  Tape,
  takeDeferredGrad,
  writeDeferredGrad,
} from '../../src/ann/graph.ts';
import * as op from '../../src/ann/ops/index.ts';
import { tensor } from '../../src/ann/tensor.ts';

// y = 2x, whose ∂L/∂x is held back: "computed elsewhere", written on demand
const doubleDeferred = defineOp({
  name: 'test-double-deferred',
  shape: ([a]) => a!.shape,
  forward([a], out) {
    for (let i = 0; i < out.length; i++) out[i] = 2 * a!.data[i]!;
  },
  backward(_c, dy, [ga]) {
    if (!ga) return;
    const held = Float32Array.from(dy, (v) => 2 * v);
    deferGradWrite(ga, () => {
      for (let i = 0; i < ga.length; i++) ga[i] = ga[i]! + held[i]!;
    });
  },
});

// y = x, a rule that reads its dy where the deferring rule left it when it can
const seen: { took: boolean; dy: number[] }[] = [];
const identityTaking = defineOp({
  name: 'test-identity-taking',
  shape: ([a]) => a!.shape,
  takesDeferredGrad: true,
  forward([a], out) {
    out.set(a!.data);
  },
  backward(_c, dy, [ga]) {
    const took = takeDeferredGrad(dy);
    if (!took) writeDeferredGrad();
    seen.push({ took, dy: Array.from(dy) });
    if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]!;
  },
});

describe('deferred gradient writes', () => {
  it('the pass ends with the deferred gradient written: d(sum 2x)/dx = 2', () => {
    const tape = new Tape();
    const x = tape.variable(tensor([1, 2, 3], [3]));
    tape.backward(op.sum(apply(doubleDeferred, [x], undefined)));
    expect(Array.from(tape.grad(x)!)).toEqual([2, 2, 2]);
  });

  it('a rule that does not take it finds it written: d(sum 3·2·h)/dh = 6 with h = x', () => {
    const tape = new Tape();
    const x = tape.variable(tensor([1, 2], [2]));
    const h = op.scale(x, 1); // the rule after the deferring one does not take deferred writes
    tape.backward(op.sum(op.scale(apply(doubleDeferred, [h], undefined), 3)));
    expect(Array.from(tape.grad(x)!)).toEqual([6, 6]);
  });

  it('a rule that takes it skips the write (it reads the gradient where it was computed)', () => {
    seen.length = 0;
    const tape = new Tape();
    const x = tape.variable(tensor([1, 2], [2]));
    const h = apply(identityTaking, [x], undefined);
    tape.backward(op.sum(apply(doubleDeferred, [h], undefined)));
    expect(seen).toEqual([{ took: true, dy: [0, 0] }]); // the array never got the write
    expect(Array.from(tape.grad(x)!)).toEqual([0, 0]);
  });

  it('a second deferral writes the first one', () => {
    const a = new Float32Array(1);
    const b = new Float32Array(1);
    deferGradWrite(a, () => a.fill(1));
    deferGradWrite(b, () => b.fill(2));
    expect([a[0], b[0]]).toEqual([1, 0]);
    expect(takeDeferredGrad(a)).toBe(false);
    writeDeferredGrad();
    expect([a[0], b[0]]).toEqual([1, 2]);
  });
});
