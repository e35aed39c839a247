/**
 * Gaussian radial basis units y[i, j] = exp(−½‖x_i − c_j‖²) with learnable
 * centres c (one row per unit): x [batch, d], c [units, d] → [batch, units].
 */
import { apply, defineOp, type Var } from '../graph.ts';
import { expectRank, mismatch } from './shape-check.ts';

const rbfOp = defineOp({
  name: 'rbf',
  shape([x, c]) {
    expectRank('rbf', x!, 2, 'input');
    expectRank('rbf', c!, 2, 'centres');
    if (x!.shape[1] !== c!.shape[1]) {
      throw mismatch('rbf', `input has ${x!.shape[1]} features; the centres have ${c!.shape[1]}`);
    }
    return [x!.shape[0]!, c!.shape[0]!];
  },
  forward([x, c], out) {
    const [m, d] = x!.shape as [number, number];
    const n = c!.shape[0]!;
    const xs = x!.data;
    const cs = c!.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < d; p++) {
          const diff = xs[i * d + p]! - cs[j * d + p]!;
          s += diff * diff;
        }
        out[i * n + j] = Math.exp(-0.5 * s);
      }
    }
  },
  // ∂y_ij/∂x_i = −y_ij (x_i − c_j) and ∂y_ij/∂c_j = y_ij (x_i − c_j)
  backward({ inputs: [x, c], output }, dy, [gx, gc]) {
    const [m, d] = x!.shape as [number, number];
    const n = c!.shape[0]!;
    const xs = x!.data;
    const cs = c!.data;
    const y = output.data;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const g = dy[i * n + j]! * y[i * n + j]!;
        if (g === 0) continue;
        for (let p = 0; p < d; p++) {
          const diff = xs[i * d + p]! - cs[j * d + p]!;
          if (gx) gx[i * d + p] = gx[i * d + p]! - g * diff;
          if (gc) gc[j * d + p] = gc[j * d + p]! + g * diff;
        }
      }
    }
  },
});

export const rbf = (x: Var, centres: Var): Var => apply(rbfOp, [x, centres], undefined);
