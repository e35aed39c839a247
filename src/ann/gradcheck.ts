/**
 * Checks backprop against central finite differences, the way PyTorch's
 * `gradcheck` does: every input is copied to float64, each element is moved
 * by ±eps, and the numeric slope (L(x+eps) − L(x−eps)) / 2eps is compared
 * with the analytic gradient under |analytic − numeric| ≤ atol + rtol·|numeric|.
 * A non-scalar output is contracted with fixed random weights r, so the check
 * covers the whole vector-Jacobian product rᵀJ.
 */
import { Rng } from '../core/rng.ts';
import { constant, Tape, type Var } from './graph.ts';
import type { Tensor } from './tensor.ts';

export interface GradCheckOptions {
  /** Finite-difference step (default 1e-6, in float64). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Seed of the output weights r (default 0). */
  seed?: number;
}

export interface GradCheckResult {
  ok: boolean;
  /** Elements compared. */
  checked: number;
  /** Largest |analytic − numeric| over all elements. */
  maxAbsError: number;
  /** The element that exceeds the tolerance by the most (or is closest to it). */
  worst: { input: number; index: number; analytic: number; numeric: number } | null;
}

export function gradCheck(
  f: (...inputs: Var[]) => Var,
  inputs: readonly Tensor[],
  options: GradCheckOptions = {},
): GradCheckResult {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, seed = 0 } = options;
  const xs = inputs.map((t) => ({ shape: t.shape, data: Float64Array.from(t.data) }));

  const tape = new Tape('float64');
  const vars = xs.map((t) => tape.variable(t));
  const out = f(...vars);
  const rng = new Rng(seed);
  const r = new Float64Array(out.data.length);
  for (let i = 0; i < r.length; i++) r[i] = r.length === 1 ? 1 : rng.range(-1, 1);
  tape.backward(out, r);
  const analytic = vars.map((v) =>
    Float64Array.from(tape.grad(v) ?? new Float64Array(v.data.length)),
  );

  const objective = (): number => {
    const y = f(...xs.map((t) => constant(t))).data;
    let s = 0;
    for (let i = 0; i < y.length; i++) s += r[i]! * y[i]!;
    return s;
  };

  let checked = 0;
  let maxAbsError = 0;
  let worst: GradCheckResult['worst'] = null;
  let worstExcess = -Infinity;
  xs.forEach((x, input) => {
    for (let index = 0; index < x.data.length; index++) {
      const keep = x.data[index]!;
      x.data[index] = keep + eps;
      const plus = objective();
      x.data[index] = keep - eps;
      const minus = objective();
      x.data[index] = keep;
      const numeric = (plus - minus) / (2 * eps);
      const a = analytic[input]![index]!;
      const err = Math.abs(a - numeric);
      const excess = err - (atol + rtol * Math.abs(numeric));
      checked++;
      maxAbsError = Math.max(maxAbsError, Number.isNaN(err) ? Infinity : err);
      if (excess > worstExcess || Number.isNaN(excess)) {
        worstExcess = Number.isNaN(excess) ? Infinity : excess;
        worst = { input, index, analytic: a, numeric };
      }
    }
  });
  return { ok: worstExcess <= 0, checked, maxAbsError, worst };
}
