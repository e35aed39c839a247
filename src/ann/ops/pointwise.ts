/**
 * Elementwise ops: exp, log and the activations. Each activation op is the
 * shared kernel pair of `kernels/activation.ts` under its own name.
 */
import { apply, defineOp, type OpDef, type Var } from '../graph.ts';
import { type Activation, activate, activationGrad } from '../kernels/activation.ts';

const expOp = defineOp({
  name: 'exp',
  shape: ([a]) => a!.shape,
  forward([a], out) {
    const x = a!.data;
    for (let i = 0; i < x.length; i++) out[i] = Math.exp(x[i]!);
  },
  backward({ output }, dy, [ga]) {
    if (!ga) return;
    const y = output.data;
    for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]! * y[i]!;
  },
});

const logOp = defineOp({
  name: 'log',
  shape: ([a]) => a!.shape,
  forward([a], out) {
    const x = a!.data;
    for (let i = 0; i < x.length; i++) out[i] = Math.log(x[i]!);
  },
  backward({ inputs: [a] }, dy, [ga]) {
    if (!ga) return;
    const x = a!.data;
    for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]! / x[i]!;
  },
});

interface ActAttrs {
  alpha: number;
}

function activationOp(kind: Activation): OpDef<ActAttrs, undefined> {
  return defineOp<ActAttrs, undefined>({
    name: kind,
    shape: ([a]) => a!.shape,
    forward([a], out, { alpha }) {
      activate(kind, alpha, a!.data, out, out.length);
    },
    backward({ inputs: [a], output, attrs: { alpha } }, dy, [ga]) {
      if (ga) activationGrad(kind, alpha, a!.data, output.data, dy, ga, dy.length, true);
    },
  });
}

const ops = {
  identity: activationOp('identity'),
  sigmoid: activationOp('sigmoid'),
  tanh: activationOp('tanh'),
  relu: activationOp('relu'),
  'leaky-relu': activationOp('leaky-relu'),
  abs: activationOp('abs'),
  softplus: activationOp('softplus'),
} satisfies Record<Activation, OpDef<ActAttrs, undefined>>;

export const exp = (a: Var): Var => apply(expOp, [a], undefined);
export const log = (a: Var): Var => apply(logOp, [a], undefined);
export const identity = (a: Var): Var => apply(ops.identity, [a], { alpha: 0 });
export const sigmoid = (a: Var): Var => apply(ops.sigmoid, [a], { alpha: 0 });
export const tanh = (a: Var): Var => apply(ops.tanh, [a], { alpha: 0 });
export const relu = (a: Var): Var => apply(ops.relu, [a], { alpha: 0 });
/** max(z, αz) for 0 ≤ α < 1 (α = 0.01 by default, as in most libraries). */
export const leakyRelu = (a: Var, alpha = 0.01): Var => apply(ops['leaky-relu'], [a], { alpha });
export const abs = (a: Var): Var => apply(ops.abs, [a], { alpha: 0 });
export const softplus = (a: Var): Var => apply(ops.softplus, [a], { alpha: 0 });

/** Applies an activation by name. */
export function activation(a: Var, kind: Activation, alpha = 0.01): Var {
  return apply(ops[kind], [a], { alpha });
}
