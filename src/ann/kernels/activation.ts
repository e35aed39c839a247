/**
 * Pointwise activations and their derivatives, as loops over whole arrays.
 * The forms are the numerically stable ones: σ and softplus never evaluate
 * exp of a large positive number.
 */
import type { FloatArray } from '../tensor.ts';

export const ACTIVATIONS = [
  'identity',
  'sigmoid',
  'tanh',
  'relu',
  'leaky-relu',
  'abs',
  'softplus',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** σ(z) = 1/(1+e^−z), evaluated so that exp never overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** softplus(z) = log(1+e^z) = max(z,0) + log1p(e^−|z|): exact for |z| = 1000. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** y[i] = f(z[i]) for i < n. `alpha` is the negative slope of leaky ReLU. */
export function activate(
  kind: Activation,
  alpha: number,
  z: FloatArray,
  y: FloatArray,
  n: number,
): void {
  switch (kind) {
    case 'identity':
      if (y !== z) for (let i = 0; i < n; i++) y[i] = z[i]!;
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) y[i] = sigmoid(z[i]!);
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) y[i] = Math.tanh(z[i]!);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) y[i] = Math.max(z[i]!, 0);
      return;
    case 'leaky-relu':
      for (let i = 0; i < n; i++) {
        const v = z[i]!;
        y[i] = v > 0 ? v : alpha * v;
      }
      return;
    case 'abs':
      for (let i = 0; i < n; i++) y[i] = Math.abs(z[i]!);
      return;
    case 'softplus':
      for (let i = 0; i < n; i++) y[i] = softplus(z[i]!);
      return;
  }
}

/**
 * dz[i] (+)= dy[i] · f′(z[i]). The derivative uses the output y where that is
 * cheaper (σ′ = y(1−y), tanh′ = 1−y²). At the kinks (ReLU and |·| at 0) the
 * derivative taken is 0, the subgradient PyTorch uses too.
 */
export function activationGrad(
  kind: Activation,
  alpha: number,
  z: FloatArray,
  y: FloatArray,
  dy: FloatArray,
  dz: FloatArray,
  n: number,
  accumulate: boolean,
): void {
  for (let i = 0; i < n; i++) {
    let d: number;
    switch (kind) {
      case 'identity':
        d = 1;
        break;
      case 'sigmoid':
        d = y[i]! * (1 - y[i]!);
        break;
      case 'tanh':
        d = 1 - y[i]! * y[i]!;
        break;
      case 'relu':
        d = z[i]! > 0 ? 1 : 0;
        break;
      case 'leaky-relu':
        d = z[i]! > 0 ? 1 : alpha;
        break;
      case 'abs':
        d = z[i]! > 0 ? 1 : z[i]! < 0 ? -1 : 0;
        break;
      case 'softplus':
        d = sigmoid(z[i]!);
        break;
    }
    const g = dy[i]! * d;
    dz[i] = accumulate ? dz[i]! + g : g;
  }
}
