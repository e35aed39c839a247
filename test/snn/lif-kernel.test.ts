/**
 * The SIMD kernels against their oracle, the TypeScript loops of the same
 * ops (themselves checked against finite differences in
 * bptt-gradcheck.test.ts): the forward pass bit for bit (the same float32
 * operations in the same order), the backward pass within float32 rounding
 * (the kernel accumulates in f32, the loops in f64).
 */
import { describe, expect, it } from 'vitest';
import { Tape, type Var } from '../../src/ann/graph.ts';
import { add } from '../../src/ann/ops/arithmetic.ts';
import { tensor } from '../../src/ann/tensor.ts';
import { Rng } from '../../src/core/rng.ts';
import { type NeuronAttrs, neurons } from '../../src/snn/neuron-op.ts';
import { sparseDense, synapses } from '../../src/snn/synapse-op.ts';

const T = 9;
const B = 3;
const N = 7; // B·N = 21 and N = 7: both need the kernel's padding to 4
const F = 5;

function run(kernel: boolean, attrs: Omit<NeuronAttrs, 'ticks' | 'batch' | 'record' | 'kernel'>) {
  const rng = new Rng(11);
  const tape = new Tape();
  const spikes = tape.variable(
    tensor(
      Float32Array.from({ length: T * B * F }, () => (rng.uniform() < 0.3 ? 1 : 0)),
      [T * B, F],
    ),
  );
  const w = tape.variable(
    tensor(
      Float32Array.from({ length: F * N }, () => rng.normal(0, 0.8)),
      [F, N],
    ),
  );
  const b = tape.variable(
    tensor(
      Float32Array.from({ length: N }, () => rng.normal(0, 0.3)),
      [N],
    ),
  );
  const z = synapses(spikes, w, b, T, B, kernel);
  const record: NeuronAttrs['record'] = { spikes: null };
  const y = neurons(z, null, { ...attrs, ticks: T, batch: B, record, kernel });
  const hard = record.spikes ? Array.from(record.spikes).filter((v) => v === 1).length : 0;
  const seed = Float32Array.from({ length: y.data.length }, () => rng.normal());
  tape.backward(y, seed);
  const g = (v: Var) => Array.from(tape.grad(v)!);
  return { y: Array.from(y.data), gw: g(w), gb: g(b), gs: g(spikes), count: record.count, hard };
}

const base = {
  beta: 0.9,
  threshold: 0.7,
  static: false,
  smooth: false,
} as const;

describe('the fused SIMD kernel against the TypeScript loops', () => {
  const cases = [
    {
      name: 'LIF, ATan, subtraction, spikes out',
      alpha: null,
      spiking: true,
      subtract: true,
      emit: 'spikes',
      s: 'atan',
    },
    {
      name: 'CubaLIF, fast sigmoid, reset to zero, membrane out',
      alpha: 0.7,
      spiking: true,
      subtract: false,
      emit: 'membrane',
      s: 'fast-sigmoid',
    },
    {
      name: 'CubaLI readout',
      alpha: 0.6,
      spiking: false,
      subtract: true,
      emit: 'membrane',
      s: 'atan',
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const attrs = {
        ...base,
        alpha: c.alpha,
        spiking: c.spiking,
        subtract: c.subtract,
        emit: c.emit,
        surrogate: { name: c.s, scale: c.s === 'atan' ? 2 : 10 },
      };
      const fast = run(true, attrs);
      const slow = run(false, attrs);
      expect(fast.y).toEqual(slow.y);
      expect(fast.count).toBe(slow.hard);
      expect(slow.count).toBe(slow.hard);
      // some neurons spike (and reset): the reset paths are exercised
      if (c.emit === 'spikes') expect(slow.y.filter((v) => v === 1).length).toBeGreaterThan(10);
      for (let i = 0; i < slow.gw.length; i++) expect(fast.gw[i]).toBeCloseTo(slow.gw[i]!, 4);
      for (let i = 0; i < slow.gb.length; i++) expect(fast.gb[i]).toBeCloseTo(slow.gb[i]!, 4);
      // ∂L/∂s through the narrow projection (the small-k product)
      for (let i = 0; i < slow.gs.length; i++) expect(fast.gs[i]).toBeCloseTo(slow.gs[i]!, 4);
      expect(slow.gw.some((v) => Math.abs(v) > 0.05)).toBe(true); // gradients flow: the comparison means something
    });
  }
});

describe('spikes listed by the kernel for the synapses downstream', () => {
  function chain(kernel: boolean, alpha: number | null) {
    const rng = new Rng(5);
    const tape = new Tape();
    const H = 8; // rows of 8 neurons: the kernel lists their spikes
    const C = 3;
    const param = (n: number, sd: number, shape: number[]) =>
      tape.variable(
        tensor(
          Float32Array.from({ length: n }, () => rng.normal(0, sd)),
          shape,
        ),
      );
    const x = tape.constant(
      tensor(
        Float32Array.from({ length: T * B * F }, () => (rng.uniform() < 0.4 ? 1 : 0)),
        [T * B, F],
      ),
    );
    const w1 = param(F * H, 0.9, [F, H]);
    const b1 = param(H, 0.3, [H]);
    const w2 = param(H * C, 0.8, [H, C]);
    const b2 = param(C, 0.2, [C]);
    const common = {
      ...base,
      alpha,
      surrogate: { name: 'atan', scale: 2 },
      ticks: T,
      batch: B,
      kernel,
    } as const;
    const h = neurons(synapses(x, w1, b1, T, B, kernel), null, {
      ...common,
      spiking: true,
      subtract: true,
      emit: 'spikes',
      record: { spikes: null },
    });
    const y = neurons(synapses(h, w2, b2, T, B, kernel), null, {
      ...common,
      spiking: false,
      subtract: true,
      emit: 'membrane',
      record: { spikes: null },
    });
    tape.backward(
      y,
      Float32Array.from({ length: y.data.length }, () => rng.normal()),
    );
    const g = (v: Var) => Array.from(tape.grad(v)!);
    return { h, y: Array.from(y.data), g1: g(w1), g2: g(w2), gb2: g(b2) };
  }

  it.each([
    ['LIF', null],
    ['CubaLIF', 0.7],
  ] as const)(
    '%s: the loops’ currents bit for bit, and their gradients (u recomputed)',
    (_, alpha) => {
      const fast = chain(true, alpha);
      const slow = chain(false, alpha);
      expect(fast.h.value.ones).toBeDefined(); // the listed path runs
      expect(slow.h.value.ones).toBeUndefined();
      const listed = fast.h.value.ones!;
      expect(listed.ptr[T * B]).toBe(Array.from(fast.h.data).filter((v) => v === 1).length);
      expect(fast.y).toEqual(slow.y);
      for (const k of ['g1', 'g2', 'gb2'] as const)
        for (let i = 0; i < slow[k].length; i++) expect(fast[k][i]).toBeCloseTo(slow[k][i]!, 4);
      expect(slow.g2.some((v) => Math.abs(v) > 0.05)).toBe(true);
    },
  );
});

describe('∂L/∂s of spikes read by two projections', () => {
  it('the second projection adds to the first one’s gradient', () => {
    const grads = (kernel: boolean) => {
      const rng = new Rng(3);
      const tape = new Tape();
      const s = tape.variable(
        tensor(
          Float32Array.from({ length: T * B * F }, () => (rng.uniform() < 0.3 ? 1 : 0)),
          [T * B, F],
        ),
      );
      const w = () =>
        tape.variable(
          tensor(
            Float32Array.from({ length: F * N }, () => rng.normal()),
            [F, N],
          ),
        );
      const b = tape.variable(tensor(new Float32Array(N), [N]));
      const y = add(synapses(s, w(), b, T, B, kernel), synapses(s, w(), b, T, B, kernel));
      tape.backward(
        y,
        Float32Array.from({ length: y.data.length }, () => rng.normal()),
      );
      return Array.from(tape.grad(s)!);
    };
    const fast = grads(true);
    const slow = grads(false);
    expect(slow.some((v) => Math.abs(v) > 0.5)).toBe(true);
    for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
  });
});

describe('a first layer with a static input current', () => {
  function first(kernel: boolean) {
    const rng = new Rng(21);
    const tape = new Tape();
    const H = 12;
    const C = 3;
    const param = (n: number, sd: number, shape: number[]) =>
      tape.variable(
        tensor(
          Float32Array.from({ length: n }, () => rng.normal(0, sd)),
          shape,
        ),
      );
    const x = tape.constant(
      tensor(
        Float32Array.from({ length: B * F }, () => (rng.uniform() < 0.5 ? rng.uniform() : 0)),
        [B, F],
      ),
    );
    const w1 = param(F * H, 1.2, [F, H]);
    const b1 = param(H, 0.3, [H]);
    const w2 = param(H * C, 0.8, [H, C]);
    const b2 = param(C, 0.2, [C]);
    const common = { ...base, alpha: null, ticks: T, batch: B, kernel } as const;
    const h = neurons(sparseDense(x, w1, b1, kernel), null, {
      ...common,
      static: true,
      spiking: true,
      subtract: true,
      emit: 'spikes',
      surrogate: { name: 'atan', scale: 2 },
      record: { spikes: null },
    });
    const y = neurons(synapses(h, w2, b2, T, B, kernel), null, {
      ...common,
      spiking: false,
      subtract: true,
      emit: 'membrane',
      surrogate: { name: 'atan', scale: 2 },
      record: { spikes: null },
    });
    tape.backward(
      y,
      Float32Array.from({ length: y.data.length }, () => rng.normal()),
    );
    const g = (v: Var) => Array.from(tape.grad(v)!);
    return { y: Array.from(y.data), g1: g(w1), gb1: g(b1), g2: g(w2) };
  }

  it('LIF, ATan, subtraction (the kernel’s plain path): the loops’ values and gradients', () => {
    const fast = first(true);
    const slow = first(false);
    expect(fast.y).toEqual(slow.y);
    for (const k of ['g1', 'gb1', 'g2'] as const)
      for (let i = 0; i < slow[k].length; i++) expect(fast[k][i]).toBeCloseTo(slow[k][i]!, 4);
    expect(slow.g1.some((v) => Math.abs(v) > 0.05)).toBe(true);
  });
});

describe('∂L/∂s left in the kernel’s memory for the layer that spiked', () => {
  // The readout's ∂L/∂s is computed in the hidden layer's backward loop, unless another rule ran
  // in between: here a second projection, created before the readout, adds its share to the same
  // gradient after the readout's rule. On the loops, it finds the readout's share written; on the
  // kernel, it defers its own on top of it, which the hidden layer then computes from that sum.
  function grads(kernel: boolean, sideKernel = false) {
    const rng = new Rng(9);
    const tape = new Tape();
    const H = 8;
    const C = 3;
    const param = (n: number, sd: number, shape: number[]) =>
      tape.variable(
        tensor(
          Float32Array.from({ length: n }, () => rng.normal(0, sd)),
          shape,
        ),
      );
    const x = tape.constant(
      tensor(
        Float32Array.from({ length: T * B * F }, () => (rng.uniform() < 0.4 ? 1 : 0)),
        [T * B, F],
      ),
    );
    const w1 = param(F * H, 0.9, [F, H]);
    const b1 = param(H, 0.3, [H]);
    const common = {
      ...base,
      alpha: null,
      surrogate: { name: 'atan', scale: 2 },
      ticks: T,
      batch: B,
      kernel,
    } as const;
    const h = neurons(synapses(x, w1, b1, T, B, kernel), null, {
      ...common,
      spiking: true,
      subtract: true,
      emit: 'spikes',
      record: { spikes: null },
    });
    const side = synapses(h, param(H * C, 0.8, [H, C]), param(C, 0.2, [C]), T, B, sideKernel);
    const z = synapses(h, param(H * C, 0.8, [H, C]), param(C, 0.2, [C]), T, B, kernel);
    const y = neurons(z, null, {
      ...common,
      spiking: false,
      subtract: true,
      emit: 'membrane',
      record: { spikes: null },
    });
    tape.backward(
      add(y, side),
      Float32Array.from({ length: y.data.length }, () => rng.normal()),
    );
    return Array.from(tape.grad(w1)!);
  }

  it('a rule run in between (it adds to ∂L/∂s) makes the hidden layer copy ∂L/∂s in', () => {
    const fast = grads(true);
    const slow = grads(false);
    expect(slow.some((v) => Math.abs(v) > 0.05)).toBe(true);
    for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
  });

  it('a second kernel projection in between: the hidden layer adds its share to the first', () => {
    const fast = grads(true, true);
    const slow = grads(false);
    expect(slow.some((v) => Math.abs(v) > 0.05)).toBe(true);
    for (let i = 0; i < slow.length; i++) expect(fast[i]).toBeCloseTo(slow[i]!, 4);
  });
});
