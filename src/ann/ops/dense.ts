/**
 * The fused dense op y = f(x·W + b): one node instead of three, the bias
 * written in before the product accumulates onto it, and the backward pass
 * computing f′ once and the three gradients from it. It is what `Dense`
 * layers run; tests check it against the composition matmul → add → f.
 */
import { apply, defineOp, type Var } from '../graph.ts';
import { type Activation, activate, activationGrad } from '../kernels/activation.ts';
import { gemm } from '../kernels/gemm.ts';
import { addRowToEach, sumRowsInto } from '../kernels/reduce.ts';
import type { FloatArray } from '../tensor.ts';
import { expectRank, mismatch } from './shape-check.ts';

interface DenseAttrs {
  activation: Activation;
  alpha: number;
}

const denseOp = defineOp<DenseAttrs, FloatArray>({
  name: 'dense',
  shape([x, w, b]) {
    expectRank('dense', x!, 2, 'input');
    expectRank('dense', w!, 2, 'weights');
    const [, k] = x!.shape as [number, number];
    const [kw, n] = w!.shape as [number, number];
    if (k !== kw) mismatchThrow(`input has ${k} features; the weights expect ${kw}`);
    if (b!.data.length !== n) mismatchThrow(`bias has ${b!.data.length} values; allowed: ${n}`);
    return [x!.shape[0]!, n];
  },
  forward([x, w, b], out, { activation, alpha }, alloc) {
    const [m, k] = x!.shape as [number, number];
    const n = w!.shape[1]!;
    const z = alloc(m * n);
    z.fill(0);
    addRowToEach(z, b!.data, m, n);
    gemm(m, n, k, x!.data, false, w!.data, false, z, true);
    activate(activation, alpha, z, out, m * n);
    return z;
  },
  backward({ inputs: [x, w], output, attrs, saved: z, alloc }, dy, [gx, gw, gb]) {
    const [m, k] = x!.shape as [number, number];
    const n = w!.shape[1]!;
    const dz = alloc(m * n);
    activationGrad(attrs.activation, attrs.alpha, z, output.data, dy, dz, m * n, false);
    if (gw) gemm(k, n, m, x!.data, true, dz, false, gw, true);
    if (gb) sumRowsInto(dz, gb, m, n);
    if (gx) gemm(m, k, n, dz, false, w!.data, true, gx, true);
  },
});

function mismatchThrow(detail: string): never {
  throw mismatch('dense', detail);
}

/** f(x·W + b) for x [batch, in], W [in, out], b [out]. */
export function dense(
  x: Var,
  w: Var,
  b: Var,
  activation: Activation = 'identity',
  alpha = 0.01,
): Var {
  return apply(denseOp, [x, w, b], { activation, alpha });
}
