/** Yin-Yang and Randman: their geometry, sizes, balance and seeds. */
import { describe, expect, it } from 'vitest';
import { randmanDataset } from '../../src/data/builtin/randman.ts';
import { yinYangClass, yinYangDataset } from '../../src/data/builtin/yinyang.ts';
import { classCounts, split } from '../../src/data/dataset.ts';

describe('Yin-Yang', () => {
  it('labels the symbol: the dots, the yin head and the yang head', () => {
    // the right dot's centre (1.5 r, r) and the left one's (0.5 r, r) are dots
    expect(yinYangClass(0.75, 0.5, 0.1, 0.5)).toBe(2);
    expect(yinYangClass(0.25, 0.5, 0.1, 0.5)).toBe(2);
    // 0.2 from the left dot's centre, inside its half-size circle (radius 0.25): yin
    expect(yinYangClass(0.25, 0.3, 0.1, 0.5)).toBe(0);
    // the same distance from the right dot's centre: yang
    expect(yinYangClass(0.75, 0.7, 0.1, 0.5)).toBe(1);
  });

  it('5,000 / 1,000 / 1,000 samples, (x, y, 1 − x, 1 − y), inside the circle, nearly balanced', () => {
    const d = yinYangDataset({ seed: 1 });
    const s = split(d, 0);
    expect([s.train.n, s.validation?.n, s.test.n]).toEqual([5000, 1000, 1000]);
    for (let i = 0; i < d.n; i++) {
      const [x, y, u, v] = d.x.subarray(4 * i, 4 * i + 4);
      expect(x! + u!).toBeCloseTo(1, 6);
      expect(y! + v!).toBeCloseTo(1, 6);
      expect(Math.hypot(x! - 0.5, y! - 0.5)).toBeLessThanOrEqual(0.5);
      expect(yinYangClass(x!, y!, 0.1, 0.5)).toBe(d.y[i]);
    }
    // each class is drawn with probability 1/3: 7,000 samples, sd √(7000·2/9) ≈ 39
    for (const c of classCounts(d)) expect(Math.abs(c - 7000 / 3)).toBeLessThan(4 * 39);
  });

  it('the same seed gives the same samples, another seed others', () => {
    const a = yinYangDataset({ seed: 5, train: 50, validation: 0, test: 10 });
    expect(yinYangDataset({ seed: 5, train: 50, validation: 0, test: 10 }).x).toEqual(a.x);
    expect(yinYangDataset({ seed: 6, train: 50, validation: 0, test: 10 }).x).not.toEqual(a.x);
  });
});

describe('Randman', () => {
  const o = { classes: 3, channels: 6, samplesPerClass: 50, alpha: 2, seed: 2 };

  it('one spike per channel at a tick in [0, steps·stepFraction), the class in timing only', () => {
    const d = randmanDataset(o);
    expect(d.n).toBe(150);
    expect(classCounts(d)).toEqual([50, 50, 50]);
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of d.x) {
      expect(Number.isInteger(t)).toBe(true);
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    // min-max standardised per class and channel: the earliest spike is at 0, the latest at 49
    expect(lo).toBe(0);
    expect(hi).toBe(49);
  });

  it('80 / 10 / 10 split; the same seed gives the same ticks', () => {
    const d = randmanDataset(o);
    const s = split(d, 0);
    expect([s.train.n, s.validation?.n, s.test.n]).toEqual([120, 15, 15]);
    expect(randmanDataset(o).x).toEqual(d.x);
    expect(randmanDataset({ ...o, seed: 3 }).x).not.toEqual(d.x);
  });
});
