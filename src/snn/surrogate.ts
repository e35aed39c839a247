/**
 * Surrogate derivatives of the spike's Heaviside step H(u − θ): the forward
 * pass spikes exactly, the backward pass replaces δ(u − θ) by a smooth bump.
 *
 *   fast sigmoid (SuperSpike, Zenke & Ganguli 2018):  1/(k·|x| + 1)²,  k = slope
 *   ATan (snnTorch's default):  (α/2)/(1 + (π·α·x/2)²)
 *
 * with x = u − θ. `smooth` is the antiderivative of each bump: a network run
 * with it in place of H is differentiable, and finite differences of that
 * network check the backward pass exactly (the gradient tests use it).
 */
export const SURROGATES = ['fast-sigmoid', 'atan'] as const;
export type SurrogateName = (typeof SURROGATES)[number];

export interface Surrogate {
  readonly name: SurrogateName;
  /** fast-sigmoid: the slope k; atan: α. */
  readonly scale: number;
}

/** The default scale of each surrogate: snnTorch's slope 25 and α 2. */
export const DEFAULT_SCALE: Record<SurrogateName, number> = { 'fast-sigmoid': 25, atan: 2 };

export function surrogateGrad(s: Surrogate, x: number): number {
  if (s.name === 'fast-sigmoid') {
    const d = s.scale * Math.abs(x) + 1;
    return 1 / (d * d);
  }
  const z = (Math.PI * s.scale * x) / 2;
  return s.scale / 2 / (1 + z * z);
}

/** ∫ surrogateGrad: fast sigmoid x/(1 + k|x|), ATan atan(π α x/2)/π + ½. */
export function surrogateSmooth(s: Surrogate, x: number): number {
  if (s.name === 'fast-sigmoid') return x / (1 + s.scale * Math.abs(x));
  return Math.atan((Math.PI * s.scale * x) / 2) / Math.PI + 0.5;
}
