/**
 * maxout (Goodfellow et al. 2013): the maximum over consecutive groups of k
 * units, [batch, n·k] → [batch, n]. The gradient flows to the winner of each
 * group only (the first one on ties), as for max pooling.
 */
import { apply, defineOp, type Var } from '../graph.ts';
import type { FloatArray } from '../tensor.ts';
import { expectRank, mismatch } from './shape-check.ts';

const maxoutOp = defineOp<{ k: number }, FloatArray>({
  name: 'maxout',
  shape([a], { k }) {
    expectRank('maxout', a!, 2);
    const c = a!.shape[1]!;
    if (!(Number.isInteger(k) && k >= 1) || c % k !== 0) {
      throw mismatch(
        'maxout',
        `${c} units do not split into groups of k = ${k}; allowed: a divisor of ${c}`,
      );
    }
    return [a!.shape[0]!, c / k];
  },
  forward([a], out, { k }, alloc) {
    const x = a!.data;
    const winner = alloc(out.length); // absolute index of each group's maximum (exact below 2^24)
    for (let g = 0; g < out.length; g++) {
      let best = g * k;
      for (let j = best + 1; j < (g + 1) * k; j++) if (x[j]! > x[best]!) best = j;
      out[g] = x[best]!;
      winner[g] = best;
    }
    return winner;
  },
  backward({ saved: winner }, dy, [ga]) {
    if (!ga) return;
    for (let g = 0; g < dy.length; g++) {
      const j = winner[g]!;
      ga[j] = ga[j]! + dy[g]!;
    }
  },
});

export const maxout = (a: Var, k: number): Var => apply(maxoutOp, [a], { k });
