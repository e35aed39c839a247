/**
 * Logistic regression cannot separate XOR (at most 3 of 4 points right); a
 * ReLU network with one hidden layer learns it from almost every seed.
 *
 *   npx tsx examples/02-xor-learned.ts
 */
import { xorDataset } from '../src/data/builtin/xor.ts';
import { settingsFor, trainOnDataset } from '../src/harness/train-rate.ts';
import { isMain } from './main-module.ts';

export function xorAccuracies(hidden: number[], seeds: number): number[] {
  const data = xorDataset();
  const settings = settingsFor('xor', { hidden });
  return Array.from(
    { length: seeds },
    (_, seed) => trainOnDataset(data, settings, seed).result.trainAccuracy!,
  );
}

if (isMain(import.meta.url)) {
  const linear = xorAccuracies([], 10);
  const relu = xorAccuracies(settingsFor('xor').hidden, 10);
  console.log('logistic regression, accuracy per seed:', linear.join(' '));
  console.log(
    `ReLU MLP 2-${settingsFor('xor').hidden.join('-')}-1, accuracy per seed:`,
    relu.join(' '),
  );
}
