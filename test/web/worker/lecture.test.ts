/**
 * The Lecture view's numbers: derivatives from the ops' backward rules match
 * the textbook values and a central difference of the returned f; on XOR the
 * ReLU network separates the four points and logistic regression cannot.
 */
import { describe, expect, it } from 'vitest';
import { createSimApi } from '../../../web/worker/api.ts';
import { activationCurves, xorLesson } from '../../../web/worker/lecture.ts';

describe('activationCurves', () => {
  const c = activationCurves(-4, 4, 401, 0.1);
  const at = (kind: string, zv: number) => {
    const i = Math.round(((zv + 4) / 8) * 400);
    const curve = c.curves.find((k) => k.kind === kind)!;
    return { f: curve.f[i]!, df: curve.df[i]! };
  };

  it('σ′(0) = ¼, tanh′(0) = 1, softplus(0) = ln 2 and softplus′(0) = σ(0) = ½', () => {
    expect(at('sigmoid', 0).df).toBeCloseTo(0.25, 6);
    expect(at('tanh', 0).df).toBeCloseTo(1, 6);
    expect(at('softplus', 0).f).toBeCloseTo(Math.LN2, 6);
    expect(at('softplus', 0).df).toBeCloseTo(0.5, 6);
  });

  it('ReLU′ is 0 at z = −1 and 1 at z = 1; leaky ReLU′ (α = 0.1) is 0.1 at z = −1', () => {
    expect(at('relu', -1).df).toBe(0);
    expect(at('relu', 1).df).toBe(1);
    expect(at('leaky-relu', -1).df).toBeCloseTo(0.1, 6);
  });

  it('every f′ agrees with a central difference of f to 1e-3 away from the kinks', () => {
    const h = c.z[1]! - c.z[0]!;
    for (const curve of c.curves) {
      for (let i = 1; i < 400; i++) {
        if (Math.abs(c.z[i]!) < 2 * h) continue; // ReLU and leaky ReLU kink at 0
        const fd = (curve.f[i + 1]! - curve.f[i - 1]!) / (2 * h);
        expect(Math.abs(fd - curve.df[i]!)).toBeLessThan(1e-3);
      }
    }
  });
});

describe('xorLesson', () => {
  const l = xorLesson({ seed: 0, grid: 40 });
  const [logistic, relu] = l.models;
  const cell = (p: Float32Array, x1: number, x2: number) => {
    const c = Math.floor(((x1 - l.lo) / (l.hi - l.lo)) * l.grid);
    const r = Math.floor(((l.hi - x2) / (l.hi - l.lo)) * l.grid);
    return p[r * l.grid + c]!;
  };

  it('ReLU 2-16-1: 4 of 4 points right; P(1) < ½ at (0,0) and (1,1), > ½ at (0,1) and (1,0)', () => {
    expect(relu!.layers).toEqual([2, 16, 1]);
    expect(relu!.accuracy).toBe(1);
    expect(cell(relu!.probability, 0, 0)).toBeLessThan(0.5);
    expect(cell(relu!.probability, 1, 1)).toBeLessThan(0.5);
    expect(cell(relu!.probability, 0, 1)).toBeGreaterThan(0.5);
    expect(cell(relu!.probability, 1, 0)).toBeGreaterThan(0.5);
  });

  it('logistic regression 2-1: at most 3 of 4 right, and its loss cannot go below ln 2 − 0.01 (no line separates XOR)', () => {
    expect(logistic!.layers).toEqual([2, 1]);
    expect(logistic!.accuracy).toBeLessThanOrEqual(0.75);
    expect(logistic!.loss).toBeGreaterThan(Math.LN2 - 0.01);
  });

  it('a bad request is an error value naming the field', () => {
    const r = createSimApi().xor({ hidden: 0 });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!r.ok)
      expect(r.error.message).toMatch(/^xor\.hidden: got 0; allowed: an integer in \[1, 256\]/);
  });
});
