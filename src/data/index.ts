/** Data sets (browser-safe part; Node file loading is in `./node/load.ts`). */
export { DOG_BREEDS, dogsDataset } from './builtin/dogs.ts';
export { moonsDataset } from './builtin/moons.ts';
export { RANDMAN_DEFAULTS, randmanDataset } from './builtin/randman.ts';
export { xorDataset } from './builtin/xor.ts';
export { yinYangClass, yinYangDataset } from './builtin/yinyang.ts';
export {
  classCounts,
  type Dataset,
  makeDataset,
  type Split,
  type SplitRule,
  split,
  subset,
  type Task,
} from './dataset.ts';
export { DATASET_NAMES, type DatasetName } from './names.ts';
export { mnistFromIdx, parseIdxImages, parseIdxLabels, parseMnistJson } from './parse/mnist.ts';
export { parseDigits, parseIris } from './parse/sklearn-csv.ts';
export { stratifiedSplit } from './split.ts';
