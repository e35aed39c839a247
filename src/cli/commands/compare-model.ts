/**
 * `compare --model FILE`: a model saved by `spikelab train --save`, its
 * training run rebuilt from the seed it was trained with, so the report
 * equals that of a run that trains.
 */
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../ann/model-io.ts';
import { SpikelabError } from '../../core/errors.ts';
import type { Dataset } from '../../data/dataset.ts';
import { DATASET_NAMES } from '../../data/names.ts';
import { loadDataset } from '../../data/node/load.ts';
import { type TrainRun, trainRunFromSaved } from '../../harness/train-rate.ts';

export interface ModelFlags {
  dataset: string;
  seed: number;
  model?: string;
  /** Flags given on the command line (the others hold their defaults). */
  explicit?: readonly string[];
}

/**
 * The saved model of --model with its training run rebuilt; the data set and
 * seed come from the model, and flags that would contradict it are refused.
 */
export function savedRun(flags: ModelFlags): { run: TrainRun; dataset: Dataset; seed: number } {
  const path = flags.model!;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpikelabError(
      'INVALID_FILE',
      `--model: cannot read ${path} (${(e as Error).message})`,
    );
  }
  const { model, meta } = loadModelText(text, path);
  const explicit = flags.explicit ?? [];
  const clash = ['epochs', 'hidden'].filter((k) => explicit.includes(k));
  if (clash.length > 0) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `--${clash[0]}: not with --model (the model is already trained); allowed: one or the other`,
    );
  }
  const datasetName = typeof meta.dataset === 'string' ? meta.dataset : flags.dataset;
  const seed = typeof meta.seed === 'number' ? meta.seed : flags.seed;
  for (const [flag, given, saved] of [
    ['dataset', flags.dataset, datasetName],
    ['seed', flags.seed, seed],
  ] as const) {
    if (explicit.includes(flag) && given !== saved) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `--${flag}: got ${given}, but ${path} was trained with ${flag} ${saved}; allowed: ${saved}, or leave it out`,
      );
    }
  }
  if (!(DATASET_NAMES as readonly string[]).includes(datasetName)) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${path}.meta.dataset: got ${JSON.stringify(datasetName)}; allowed: ${DATASET_NAMES.join(', ')}`,
    );
  }
  const dataset = loadDataset(datasetName, seed);
  return { run: trainRunFromSaved(dataset, model, meta, path), dataset, seed };
}
