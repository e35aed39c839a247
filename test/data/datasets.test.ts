import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.ts';
import { classCounts, split } from '../../src/data/dataset.ts';
import { loadDataset } from '../../src/data/node/load.ts';
import { parseIdxImages, parseIdxLabels } from '../../src/data/parse/mnist.ts';
import { parseIris } from '../../src/data/parse/sklearn-csv.ts';
import { stratifiedSplit } from '../../src/data/split.ts';

describe('stratified split', () => {
  it('takes exactly round(n·f) test samples and each class its share (10 classes × 33 at 0.2 → 66, 6–7 each)', () => {
    const labels = Int32Array.from({ length: 330 }, (_, i) => i % 10);
    const { train, test } = stratifiedSplit(labels, 0.2, new Rng(1));
    expect(test.length).toBe(66);
    expect(train.length).toBe(264);
    const perClass = new Array(10).fill(0);
    for (const i of test) perClass[labels[i]!]++;
    for (const c of perClass) expect([6, 7]).toContain(c);
    expect(new Set([...train, ...test]).size).toBe(330);
  });

  it('depends only on the seed', () => {
    const labels = Int32Array.from({ length: 100 }, (_, i) => i % 3);
    const a = stratifiedSplit(labels, 0.3, new Rng(4));
    expect(stratifiedSplit(labels, 0.3, new Rng(4))).toEqual(a);
    expect(stratifiedSplit(labels, 0.3, new Rng(5)).test).not.toEqual(a.test);
  });
});

describe('built-in data sets', () => {
  it('iris: 150 samples, 50 per class; the default split is 120/30 with 10 per class in test', () => {
    const d = loadDataset('iris');
    expect([d.n, d.features]).toEqual([150, 4]);
    expect(classCounts(d)).toEqual([50, 50, 50]);
    expect(classCounts(split(d, 0).test)).toEqual([10, 10, 10]);
  });

  it('digits: 1,797 images of 8×8 in [0, 1] (scikit-learn load_digits)', () => {
    const d = loadDataset('digits');
    expect([d.n, d.features]).toEqual([1797, 64]);
    expect(Math.max(...d.x)).toBe(1);
    expect(classCounts(d)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
  });

  it('mnist: 10,000 images of 28×28; the default split is 8,000/2,000 stratified', () => {
    const d = loadDataset('mnist');
    expect([d.n, d.features]).toEqual([10000, 784]);
    const s = split(d, 0);
    expect([s.train.n, s.test.n]).toEqual([8000, 2000]);
    const counts = classCounts(d);
    classCounts(s.test).forEach((c, k) => {
      expect(Math.abs(c - counts[k]! / 5)).toBeLessThanOrEqual(1);
    });
  });

  it('mnist-full: the original 60,000/10,000 split read from the IDX files (test labels: 980 zeros, 1,135 ones)', () => {
    const s = split(loadDataset('mnist-full'), 0);
    expect([s.train.n, s.test.n, s.train.features]).toEqual([60000, 10000, 784]);
    expect(classCounts(s.test).slice(0, 2)).toEqual([980, 1135]);
    expect(Math.max(...s.test.x.subarray(0, 784))).toBe(1);
  });

  it('xor: the four points, train = test', () => {
    const d = loadDataset('xor');
    expect(Array.from(d.y)).toEqual([0, 1, 1, 0]);
    expect(split(d, 0).test).toBe(d);
  });

  it('moons and dogs are bit-identical for the same seed', () => {
    expect(loadDataset('moons', 3).x).toEqual(loadDataset('moons', 3).x);
    expect(loadDataset('dogs', 3).y).toEqual(loadDataset('dogs', 3).y);
    expect(loadDataset('dogs', 3).y).not.toEqual(loadDataset('dogs', 4).y);
  });

  it('names every allowed data set for an unknown name', () => {
    expect(() => loadDataset('cifar')).toThrow(
      'dataset: got "cifar"; allowed: one of xor, moons, iris, digits, mnist, mnist-full, dogs',
    );
  });
});

describe('parsers reject malformed files with the file and line', () => {
  it('iris: a non-numeric value', () => {
    expect(() => parseIris('2,4,a,b,c\n1,2,3,4,0\n1,x,3,4,1\n')).toThrow(
      'iris.csv line 3: value 2 is "x"; allowed: a number',
    );
  });

  it('IDX: wrong magic and truncated data', () => {
    expect(() => parseIdxLabels(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 5]))).toThrow(
      /not an IDX file of 1 dimension/,
    );
    const header = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2];
    expect(() => parseIdxImages(new Uint8Array([...header, 1, 2, 3]))).toThrow(
      'images: 19 bytes; the header promises 24',
    );
    const ok = parseIdxImages(new Uint8Array([...header, 0, 255, 51, 0, 0, 0, 0, 255]));
    expect(ok.n).toBe(2);
    expect(Array.from(ok.x.subarray(0, 3))).toEqual([0, 1, Math.fround(0.2)]);
  });
});
