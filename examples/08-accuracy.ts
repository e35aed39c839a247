/**
 * Test accuracy of each built-in classification set with its default MLP and
 * training settings (the same as `spikelab train --dataset <name>`).
 * mnist and mnist-full take minutes: pass their names to include them.
 *
 *   npx tsx examples/08-accuracy.ts                 # iris, digits
 *   npx tsx examples/08-accuracy.ts mnist mnist-full
 */
import { loadDataset } from '../src/data/node/load.ts';
import { settingsFor, trainOnDataset } from '../src/harness/train-rate.ts';
import { isMain } from './main-module.ts';

/** Accuracy floors the defaults must reach. */
export const ACCURACY_FLOORS: Record<string, number> = {
  iris: 0.93,
  digits: 0.97,
  mnist: 0.95,
  'mnist-full': 0.98,
};

export function defaultAccuracy(name: string, seed = 0): { testAccuracy: number; seconds: number } {
  const r = trainOnDataset(loadDataset(name, seed), settingsFor(name), seed).result;
  return { testAccuracy: r.testAccuracy!, seconds: r.seconds };
}

if (isMain(import.meta.url)) {
  const names = process.argv.length > 2 ? process.argv.slice(2) : ['iris', 'digits'];
  for (const name of names) {
    const r = defaultAccuracy(name);
    const floor = ACCURACY_FLOORS[name];
    console.log(
      `${name.padEnd(11)} test accuracy ${(100 * r.testAccuracy).toFixed(2)} %${floor ? ` (floor ${100 * floor} %)` : ''}, trained in ${r.seconds.toFixed(1)} s`,
    );
  }
}
