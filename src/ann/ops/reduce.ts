/** sum and mean, over all elements or over the last axis (one value per row). */
import { apply, defineOp, type OpDef, type Var } from '../graph.ts';
import { asMatrix } from '../tensor.ts';

export type Axis = 'all' | -1;
interface ReduceAttrs {
  axis: Axis;
}

/** Sum of each group of `cols` elements times `factor` (one group when axis is 'all'). */
function reduceOp(name: string, mean: boolean): OpDef<ReduceAttrs, undefined> {
  const groups = (shape: readonly number[], axis: Axis): [number, number] => {
    if (axis === 'all') return [1, shape.reduce((p, d) => p * d, 1)];
    return asMatrix(shape);
  };
  return defineOp<ReduceAttrs, undefined>({
    name,
    shape: ([a], { axis }) => (axis === 'all' ? [] : a!.shape.slice(0, -1)),
    forward([a], out, { axis }) {
      const [rows, cols] = groups(a!.shape, axis);
      const f = mean && cols > 0 ? 1 / cols : 1;
      const x = a!.data;
      for (let r = 0; r < rows; r++) {
        let s = 0;
        for (let j = r * cols; j < (r + 1) * cols; j++) s += x[j]!;
        out[r] = s * f;
      }
    },
    backward({ inputs: [a], attrs: { axis } }, dy, [ga]) {
      if (!ga) return;
      const [rows, cols] = groups(a!.shape, axis);
      const f = mean && cols > 0 ? 1 / cols : 1;
      for (let r = 0; r < rows; r++) {
        const g = dy[r]! * f;
        for (let j = r * cols; j < (r + 1) * cols; j++) ga[j] = ga[j]! + g;
      }
    },
  });
}

const sumOp = reduceOp('sum', false);
const meanOp = reduceOp('mean', true);

export const sum = (a: Var, axis: Axis = 'all'): Var => apply(sumOp, [a], { axis });
export const mean = (a: Var, axis: Axis = 'all'): Var => apply(meanOp, [a], { axis });
