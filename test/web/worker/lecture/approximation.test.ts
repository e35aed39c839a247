/**
 * Universal approximation as the page runs it: on sin 2πx, 2 sigmoid units
 * cannot make a full period (max error ≈ 0.3 after 3,000 epochs, seed 0)
 * while 32 fit it to a few hundredths; a drawn target is its points joined by
 * straight lines; unusable requests are named.
 */
import { describe, expect, it } from 'vitest';
import { createLectureApi } from '../../../../web/worker/lecture/api.ts';
import { approximate, targetFunction } from '../../../../web/worker/lecture/approximation.ts';

describe('approximate', () => {
  it('sine: max error above 0.2 with N = 2 and below 0.05 with N = 32', () => {
    const progress: number[] = [];
    const two = approximate({ target: 'sine', width: 2 }, (p) => progress.push(p.epoch), 500);
    const many = approximate({ target: 'sine', width: 32 });
    expect(two.maxError).toBeGreaterThan(0.2);
    expect(many.maxError).toBeLessThan(0.05);
    // progress every 500 epochs, the last one at the end
    expect(progress).toEqual([500, 1000, 1500, 2000, 2500, 3000]);
  });

  it('the step keeps a max error near ½: a continuous fit cannot jump at x = ½ (sup ≥ ½; the 1,001-point grid sees a little less)', () => {
    expect(approximate({ target: 'step', width: 8, epochs: 300 }).maxError).toBeGreaterThan(0.49);
  });

  it('a drawn target interpolates its points in x order and holds its end values', () => {
    const f = targetFunction('drawn', [
      [1, 0],
      [0.2, 1],
      [0.6, 0],
    ]);
    expect([f(0), f(0.8), f(1)]).toEqual([1, 0, 0]);
    expect(f(0.4)).toBeCloseTo(0.5, 12);
  });

  it('names N = 0, a drawing with no points and an unknown target', () => {
    const api = createLectureApi();
    const msg = (r: ReturnType<typeof api.approximate>) => (r.ok ? '' : r.error.message);
    expect(msg(api.approximate({ target: 'sine', width: 0 }))).toMatch(
      /^approximation\.width: got 0; allowed: an integer in \[1, 256\]/,
    );
    expect(msg(api.approximate({ target: 'drawn', width: 4, points: [] }))).toMatch(
      /^approximation\.points: got 0; allowed: at least 2 points/,
    );
    expect(msg(api.approximate({ target: 'cosine', width: 4 }))).toMatch(
      /^approximation\.target: got "cosine"; allowed: one of sine, step, abs, drawn/,
    );
  });
});
