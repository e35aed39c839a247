/** The four points of XOR: the classic problem a linear model cannot solve. */
import { type Dataset, makeDataset } from '../dataset.ts';

export function xorDataset(): Dataset {
  return makeDataset({
    name: 'xor',
    task: 'classification',
    inputShape: [2],
    features: 2,
    n: 4,
    classes: ['0', '1'],
    x: Float32Array.from([0, 0, 0, 1, 1, 0, 1, 1]),
    y: Int32Array.from([0, 1, 1, 0]),
    splitRule: { kind: 'all' },
    source: 'the four points of XOR (Goodfellow, Bengio & Courville 2016, §6.1)',
  });
}
