/** Marching squares on grids whose level lines are known exactly. */
import { describe, expect, it } from 'vitest';
import { contour } from '../../../web/plots/contour.ts';

describe('contour', () => {
  it('f(c, r) = c on a 5 × 3 grid, level 1.5: one vertical line at c = 1.5 from row 0 to row 2', () => {
    const v = Array.from({ length: 15 }, (_, i) => i % 5);
    const s = contour(v, 5, 3, 1.5);
    expect(s.length).toBe(2 * 4); // two cells crossed, one segment each
    for (let i = 0; i < s.length; i += 2) expect(s[i]).toBeCloseTo(1.5, 12);
    const rows = s.filter((_, i) => i % 2 === 1).sort();
    expect(rows).toEqual([0, 1, 1, 2]);
  });

  it('a grid entirely above or below the level has no segment', () => {
    expect(contour([1, 1, 1, 1], 2, 2, 0.5)).toEqual([]);
    expect(contour([0, 0, 0, 0], 2, 2, 0.5)).toEqual([]);
  });

  it('the circle x² + y² = 1 sampled on a 41 × 41 grid over [−2, 2]²: every segment end lies within 0.02 of radius 1', () => {
    const n = 41;
    const xy = (k: number) => -2 + (4 * k) / (n - 1);
    const v: number[] = [];
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) v.push(xy(c) ** 2 + xy(r) ** 2);
    const s = contour(v, n, n, 1);
    expect(s.length).toBeGreaterThan(40);
    for (let i = 0; i < s.length; i += 2) {
      const radius = Math.hypot(xy(s[i]!), xy(s[i + 1]!));
      expect(Math.abs(radius - 1)).toBeLessThan(0.02);
    }
  });
});
