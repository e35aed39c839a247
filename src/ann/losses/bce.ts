/**
 * Binary cross-entropy from the logit z: for y ∈ {0, 1},
 *   −[y log σ(z) + (1−y) log(1−σ(z))] = softplus((1−2y)·z),
 * which never forms σ(z) and so stays finite and exact at |z| = 1000.
 */
import { SpikelabError } from '../../core/errors.ts';
import { apply, defineOp, type Var } from '../graph.ts';
import { sigmoid, softplus } from '../kernels/activation.ts';
import { mismatch } from '../ops/shape-check.ts';
import { sameShape, showShape } from '../tensor.ts';

const bceOp = defineOp({
  name: 'bce-logits',
  shape([z, y]) {
    if (!sameShape(z!.shape, y!.shape)) {
      throw mismatch(
        'bce',
        `logits ${showShape(z!.shape)} and targets ${showShape(y!.shape)} differ`,
      );
    }
    return [];
  },
  forward([z, y], out) {
    const a = z!.data;
    const t = y!.data;
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      if (t[i] !== 0 && t[i] !== 1) {
        throw new SpikelabError(
          'INVALID_ARGUMENT',
          `bce target[${i}]: got ${t[i]}; allowed: 0 or 1`,
        );
      }
      s += softplus((1 - 2 * t[i]!) * a[i]!);
    }
    out[0] = a.length > 0 ? s / a.length : 0;
  },
  // ∂/∂z = σ(s)(1−2y) with s = (1−2y)z; binary targets get no gradient
  backward({ inputs: [z, y] }, dy, [gz]) {
    if (!gz) return;
    const a = z!.data;
    const t = y!.data;
    const f = dy[0]! / a.length;
    for (let i = 0; i < a.length; i++) {
      const sign = 1 - 2 * t[i]!;
      const sg = sigmoid(sign * a[i]!) * f;
      gz[i] = gz[i]! + sg * sign;
    }
  },
});

/** mean over elements of softplus((1−2y)z); targets must be 0 or 1. */
export const bceWithLogits = (logits: Var, targets: Var): Var =>
  apply(bceOp, [logits, targets], undefined);
