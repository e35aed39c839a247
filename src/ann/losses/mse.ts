/** Mean squared error, the negative log-likelihood of a Gaussian output up to constants. */
import { apply, defineOp, type Var } from '../graph.ts';
import { mismatch } from '../ops/shape-check.ts';
import { sameShape, showShape } from '../tensor.ts';

const mseOp = defineOp({
  name: 'mse',
  shape([p, t]) {
    if (!sameShape(p!.shape, t!.shape)) {
      throw mismatch(
        'mse',
        `prediction ${showShape(p!.shape)} and target ${showShape(t!.shape)} differ`,
      );
    }
    return [];
  },
  forward([p, t], out) {
    const a = p!.data;
    const b = t!.data;
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      const d = a[i]! - b[i]!;
      s += d * d;
    }
    out[0] = a.length > 0 ? s / a.length : 0;
  },
  backward({ inputs: [p, t] }, dy, [gp, gt]) {
    const a = p!.data;
    const b = t!.data;
    const f = (2 * dy[0]!) / a.length;
    for (let i = 0; i < a.length; i++) {
      const g = f * (a[i]! - b[i]!);
      if (gp) gp[i] = gp[i]! + g;
      if (gt) gt[i] = gt[i]! - g;
    }
  },
});

/** mean over all elements of (prediction − target)². */
export const mse = (prediction: Var, target: Var): Var =>
  apply(mseOp, [prediction, target], undefined);
