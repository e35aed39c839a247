/** The L2 penalty λ‖θ‖² over any number of parameter tensors. */
import { apply, defineOp, type Var } from '../graph.ts';

const l2Op = defineOp<{ lambda: number }, undefined>({
  name: 'l2-penalty',
  shape: () => [],
  forward(inputs, out, { lambda }) {
    let s = 0;
    for (const t of inputs) for (let i = 0; i < t.data.length; i++) s += t.data[i]! * t.data[i]!;
    out[0] = lambda * s;
  },
  backward({ inputs, attrs: { lambda } }, dy, grads) {
    const f = 2 * lambda * dy[0]!;
    inputs.forEach((t, k) => {
      const g = grads[k];
      if (g) for (let i = 0; i < g.length; i++) g[i] = g[i]! + f * t.data[i]!;
    });
  },
});

export const l2Penalty = (lambda: number, params: readonly Var[]): Var =>
  apply(l2Op, params, { lambda });
