/**
 * The parameter updates of the optimisers as plain loops over typed arrays,
 * each also clearing the gradient it consumed (one pass over memory instead
 * of two).
 */
import type { FloatArray } from '../tensor.ts';

/** SGD with momentum μ (μ = 0: plain) and L2 weight decay, PyTorch's form. */
export function sgdUpdate(
  w: FloatArray,
  g: FloatArray,
  velocity: Float32Array,
  lr: number,
  mu: number,
  wd: number,
): void {
  const n = w.length;
  if (mu > 0) {
    for (let i = 0; i < n; i++) {
      const v = mu * velocity[i]! + g[i]! + wd * w[i]!;
      velocity[i] = v;
      w[i] = w[i]! - lr * v;
      g[i] = 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      w[i] = w[i]! - lr * (g[i]! + wd * w[i]!);
      g[i] = 0;
    }
  }
}

/**
 * Adam with the bias corrections folded into the step: θ −= stepSize · m / (√v / √c2 + eps),
 * stepSize = lr / (1 − β1^t), c2 = 1 − β2^t.
 */
export function adamUpdate(
  w: FloatArray,
  g: FloatArray,
  m: Float32Array,
  v: Float32Array,
  b1: number,
  b2: number,
  stepSize: number,
  invSqrtC2: number,
  eps: number,
  wd: number,
): void {
  const n = w.length;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  for (let i = 0; i < n; i++) {
    const d = g[i]! + wd * w[i]!;
    const mi = b1 * m[i]! + c1 * d;
    const vi = b2 * v[i]! + c2 * d * d;
    m[i] = mi;
    v[i] = vi;
    w[i] = w[i]! - (stepSize * mi) / (Math.sqrt(vi) * invSqrtC2 + eps);
    g[i] = 0;
  }
}
