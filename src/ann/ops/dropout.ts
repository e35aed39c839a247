/**
 * Inverted dropout (Srivastava et al. 2014): each element is kept with
 * probability 1 − p and scaled by 1/(1 − p), so the expected output equals
 * the input and inference needs no rescaling. The mask is drawn from the
 * caller's generator, so a seeded run drops the same units every time.
 */
import type { Rng } from '../../core/rng.ts';
import { apply, defineOp, type Var } from '../graph.ts';
import type { FloatArray } from '../tensor.ts';

const dropoutOp = defineOp<{ p: number; rng: Rng }, FloatArray>({
  name: 'dropout',
  shape: ([a]) => a!.shape,
  forward([a], out, { p, rng }, alloc) {
    const x = a!.data;
    const mask = alloc(x.length);
    const scale = 1 / (1 - p);
    for (let i = 0; i < x.length; i++) {
      const m = rng.uniform32() < p ? 0 : scale;
      mask[i] = m;
      out[i] = x[i]! * m;
    }
    return mask;
  },
  backward({ saved: mask }, dy, [ga]) {
    if (ga) for (let i = 0; i < dy.length; i++) ga[i] = ga[i]! + dy[i]! * mask[i]!;
  },
});

/** Drops each element with probability p ∈ [0, 1) (p = 0 returns `a` itself). */
export function dropout(a: Var, p: number, rng: Rng): Var {
  return p === 0 ? a : apply(dropoutOp, [a], { p, rng });
}
