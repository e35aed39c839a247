import { describe, expect, it } from 'vitest';
import { apply, constant, defineOp, Param, Tape } from '../../src/ann/graph.ts';
import * as op from '../../src/ann/ops/index.ts';
import { tensor } from '../../src/ann/tensor.ts';

describe('define-by-run graph', () => {
  it('sums the gradients of a value used twice: d/dx (x·x + x) = 2x + 1 = 7 at x = 3', () => {
    const tape = new Tape();
    const x = tape.variable(tensor([3], [1]));
    const y = op.add(op.mul(x, x), x);
    tape.backward(y);
    expect(Array.from(tape.grad(x)!)).toEqual([7]);
  });

  it('runs each backward rule once, even on a diamond (x → a, b → a + b)', () => {
    let calls = 0;
    const counted = defineOp({
      name: 'test-counted-identity',
      shape: ([a]) => a!.shape,
      forward([a], out) {
        out.set(a!.data);
      },
      backward(_c, dy, [ga]) {
        calls++;
        if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]!;
      },
    });
    const tape = new Tape();
    const x = tape.variable(tensor([1, 2], [2]));
    const h = apply(counted, [x], undefined);
    const out = op.sum(op.add(op.scale(h, 2), op.scale(h, 3)));
    tape.backward(out);
    expect(calls).toBe(1);
    expect(Array.from(tape.grad(x)!)).toEqual([5, 5]);
  });

  it('records nothing on the inference path (values without a tape)', () => {
    const y = op.relu(
      op.matmul(constant(tensor([1, -2], [1, 2])), constant(tensor([1, 1, 1, 1], [2, 2]))),
    );
    expect(y.tape).toBeNull();
    expect(Array.from(y.data)).toEqual([0, 0]);
  });

  it('accumulates parameter gradients into Param.grad and gives no gradient to constants', () => {
    const w = new Param('w', tensor([2, 3], [2]));
    const tape = new Tape();
    const c = tape.constant(tensor([5, 7], [2]));
    const loss = op.sum(op.mul(tape.param(w), c));
    tape.backward(loss);
    expect(Array.from(w.grad)).toEqual([5, 7]);
    expect(tape.grad(c)).toBeNull();
  });

  it('reuses its buffers after reset: the second pass with the same shapes allocates nothing new', () => {
    const tape = new Tape();
    const run = () => {
      tape.reset();
      const x = tape.variable(tensor([1, 2, 3, 4], [2, 2]));
      const y = op.tanh(op.matmul(x, x));
      tape.backward(op.sum(y));
      return [y.data, tape.grad(x)!];
    };
    const [y1, g1] = run();
    const [y2, g2] = run();
    expect(y2).toBe(y1);
    expect(g2).toBe(g1);
  });

  it('rejects mismatched shapes with an error naming the op', () => {
    const a = constant(tensor([1, 2, 3, 4, 5, 6], [2, 3]));
    expect(() => op.matmul(a, a)).toThrow(/matmul: \[2, 3\] · \[2, 3\]: inner sizes differ/);
    expect(() => op.add(a, constant(tensor([1, 2], [2])))).toThrow(/add: cannot combine/);
  });
});

describe('reading the tape', () => {
  // the lecture's tiny example: ẑ = x·y, J = ½(ẑ − z)² at x = 1, y = 2, z = 3
  const tiny = () => {
    const tape = new Tape('float64');
    const x = tape.variable(tensor([1], [1]));
    const y = tape.variable(tensor([2], [1]));
    const z = tape.constant(tensor([3], [1]));
    const e = op.sub(op.mul(x, y), z);
    const j = op.scale(op.mul(e, e), 0.5);
    return { tape, x, y, j };
  };

  it('lists the nodes in creation order with their op names, parents and values', () => {
    const { tape } = tiny();
    const nodes = tape.nodeList();
    expect(nodes.map((n) => n.op)).toEqual([null, null, null, 'mul', 'sub', 'mul', 'scale']);
    expect(nodes.map((n) => n.parents)).toEqual([[], [], [], [0, 1], [3, 2], [4, 4], [5]]);
    expect(nodes.map((n) => n.requiresGrad)).toEqual([true, true, false, true, true, true, true]);
    expect(nodes.map((n) => n.value.data[0])).toEqual([1, 2, 3, 2, -1, 1, 0.5]);
  });

  it('backwardSteps runs the 4 op rules from J down and ends with the table backward gives: (−2, −1) at x, y', () => {
    const a = tiny();
    const order: number[] = [];
    const dxSeen: (number | null)[] = [];
    for (const id of a.tape.backwardSteps(a.j)) {
      order.push(id);
      dxSeen.push(a.tape.gradAt(0)?.[0] ?? null);
    }
    expect(order).toEqual([6, 5, 4, 3]);
    // x receives its gradient only from ẑ = x·y, the last rule to run
    expect(dxSeen).toEqual([null, null, null, -2]);
    const b = tiny();
    b.tape.backward(b.j);
    expect([a.tape.grad(a.x)![0], a.tape.grad(a.y)![0]]).toEqual([-2, -1]);
    expect([b.tape.grad(b.x)![0], b.tape.grad(b.y)![0]]).toEqual([-2, -1]);
  });
});
