/** Turns a ValueSpec (constant, per-item array, seeded distribution) into numbers. */
import { invalid } from '../../src/core/errors.ts';
import type { Rng } from '../../src/core/rng.ts';
import type { ValueSpec } from './spec.ts';

export function isDistribution(v: ValueSpec): v is Extract<ValueSpec, { distribution: string }> {
  return typeof v === 'object' && v !== null && 'distribution' in v;
}

/** Largest/smallest value a spec can produce (for delay-range checks before building). */
export function valueBounds(v: ValueSpec, field: string): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (isDistribution(v)) {
    if (v.distribution === 'uniform') return [v.low, v.high];
    return [v.low ?? Number.NEGATIVE_INFINITY, v.high ?? Number.POSITIVE_INFINITY];
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) throw invalid(`${field}[${i}]`, x, 'a finite number', 'NOT_FINITE');
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

/**
 * Fills `out` from the spec. Arrays must have out.length entries; draws use
 * `rng`, in index order. Every value is checked to be finite.
 */
export function fillValues(v: ValueSpec, out: Float32Array, rng: Rng, field: string): Float32Array {
  const n = out.length;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw invalid(field, v, 'a finite number', 'NOT_FINITE');
    out.fill(v);
  } else if (isDistribution(v)) {
    if (v.distribution === 'uniform') {
      if (!(Number.isFinite(v.low) && Number.isFinite(v.high) && v.low <= v.high)) {
        throw invalid(field, v, 'uniform with finite low ≤ high');
      }
      const w = v.high - v.low;
      for (let i = 0; i < n; i++) out[i] = v.low + w * rng.uniform();
    } else {
      const lo = v.low ?? Number.NEGATIVE_INFINITY;
      const hi = v.high ?? Number.POSITIVE_INFINITY;
      if (!(Number.isFinite(v.mean) && Number.isFinite(v.sd) && v.sd >= 0 && lo < hi)) {
        throw invalid(field, v, 'normal with finite mean, sd ≥ 0 and low < high');
      }
      if (v.mean + 6 * v.sd < lo || v.mean - 6 * v.sd > hi) {
        throw invalid(field, v, 'a clipping range [low, high] within 6 sd of the mean');
      }
      for (let i = 0; i < n; i++) {
        let x: number;
        do x = rng.normal(v.mean, v.sd);
        while (x < lo || x > hi);
        out[i] = x;
      }
    }
  } else {
    if (v.length !== n) {
      throw invalid(field, v, `an array of ${n} values (one per item)`, 'SHAPE_MISMATCH');
    }
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (!Number.isFinite(x)) throw invalid(`${field}[${i}]`, x, 'a finite number', 'NOT_FINITE');
      out[i] = x;
    }
  }
  return out;
}
