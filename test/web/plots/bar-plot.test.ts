import { describe, expect, it } from 'vitest';
import { decadeRange, wantsLog } from '../../../web/plots/bar-plot.ts';

describe('BarPlot scales', () => {
  it('log when the positive values span ≥ 100× (29 nJ to 44 mJ: 6 decades), linear within 100× or with one value', () => {
    expect(wantsLog([2.91e-8, 6.69e-6, 4.42e-2, null])).toBe(true);
    expect(wantsLog([0.5, 0.49, 0.1])).toBe(false);
    expect(wantsLog([1, 99.9])).toBe(false);
    expect(wantsLog([1, 100])).toBe(true);
    expect(wantsLog([5, null, 0])).toBe(false); // zero and missing values do not count
  });

  it('decades: 11.9K–1.33M spans 1K–10M (the smallest bar at least 0.3 decades high), 33.9 nJ–27.3 mJ spans 10 nJ–100 mJ', () => {
    expect(decadeRange([11_912, 1.33e6])).toEqual([1e3, 1e7]);
    const [lo, hi] = decadeRange([3.39e-8, 2.73e-2, null]);
    expect(Math.log10(lo)).toBeCloseTo(-8, 12);
    expect(Math.log10(hi)).toBeCloseTo(-1, 12);
    expect(decadeRange([null])).toEqual([1, 10]);
  });
});
