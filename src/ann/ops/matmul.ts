/** matmul, transpose and reshape: the ops that move data between axes. */
import { SpikelabError } from '../../core/errors.ts';
import { apply, defineOp, type Var } from '../graph.ts';
import { gemm } from '../kernels/gemm.ts';
import { showShape, sizeOf } from '../tensor.ts';
import { expectRank, mismatch } from './shape-check.ts';

const matmulOp = defineOp({
  name: 'matmul',
  shape([a, b]) {
    expectRank('matmul', a!, 2, 'left operand');
    expectRank('matmul', b!, 2, 'right operand');
    if (a!.shape[1] !== b!.shape[0]) {
      throw mismatch(
        'matmul',
        `${showShape(a!.shape)} · ${showShape(b!.shape)}: inner sizes differ`,
      );
    }
    return [a!.shape[0]!, b!.shape[1]!];
  },
  forward([a, b], out) {
    const [m, k] = a!.shape as [number, number];
    const n = b!.shape[1]!;
    gemm(m, n, k, a!.data, false, b!.data, false, out, false);
  },
  // dA = dY · Bᵀ, dB = Aᵀ · dY
  backward({ inputs: [a, b] }, dy, [ga, gb]) {
    const [m, k] = a!.shape as [number, number];
    const n = b!.shape[1]!;
    if (ga) gemm(m, k, n, dy, false, b!.data, true, ga, true);
    if (gb) gemm(k, n, m, a!.data, true, dy, false, gb, true);
  },
});

const transposeOp = defineOp({
  name: 'transpose',
  shape([a]) {
    expectRank('transpose', a!, 2);
    return [a!.shape[1]!, a!.shape[0]!];
  },
  forward([a], out) {
    const [r, c] = a!.shape as [number, number];
    const x = a!.data;
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j]!;
  },
  backward({ inputs: [a] }, dy, [ga]) {
    if (!ga) return;
    const [r, c] = a!.shape as [number, number];
    for (let i = 0; i < r; i++)
      for (let j = 0; j < c; j++) ga[i * c + j] = ga[i * c + j]! + dy[j * r + i]!;
  },
});

const reshapeOp = defineOp<{ shape: readonly number[] }, undefined>({
  name: 'reshape',
  shape([a], { shape }) {
    if (sizeOf(shape) !== a!.data.length) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `reshape: ${showShape(a!.shape)} has ${a!.data.length} elements; ${showShape(shape)} needs ${sizeOf(shape)}`,
      );
    }
    return [...shape];
  },
  forward([a], out) {
    out.set(a!.data);
  },
  backward(_ctx, dy, [ga]) {
    if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]!;
  },
});

export const matmul = (a: Var, b: Var): Var => apply(matmulOp, [a, b], undefined);
export const transpose = (a: Var): Var => apply(transposeOp, [a], undefined);
export const reshape = (a: Var, shape: readonly number[]): Var => apply(reshapeOp, [a], { shape });
