/**
 * `compare --model FILE`: a model saved by `spikelab train --save`. A rate
 * model has its training run rebuilt from the seed it was trained with, so
 * the report equals that of a run that trains; a spiking model (`train
 * --paradigm snn --save`) is the directly trained contender beside a rate
 * network trained on its data set and seed, and that network's conversion.
 */
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../ann/model-io.ts';
import { SpikelabError } from '../../core/errors.ts';
import type { Dataset } from '../../data/dataset.ts';
import { DATASET_NAMES } from '../../data/names.ts';
import { loadDataset } from '../../data/node/load.ts';
import { type TrainRun, trainRunFromSaved } from '../../harness/train-rate.ts';
import { loadSnnModelText, SNN_MODEL_FORMAT } from '../../snn/model-io.ts';
import type { SnnNetwork } from '../../snn/network.ts';
import type { SnnSettings } from '../../snn/settings.ts';

export interface ModelFlags {
  dataset: string;
  seed: number;
  model?: string;
  /** Flags given on the command line (the others hold their defaults). */
  explicit?: readonly string[];
}

interface Origin {
  dataset: Dataset;
  seed: number;
}

export type SavedModel =
  | ({ kind: 'rate'; run: TrainRun } & Origin)
  | ({ kind: 'snn'; network: SnnNetwork; settings: SnnSettings } & Origin);

/** The flags (attribute, as typed) that would retrain what the file holds, refused beside it. */
function refuseClash(flags: ModelFlags, keys: readonly [string, string][], what: string): void {
  const clash = keys.find(([k]) => (flags.explicit ?? []).includes(k));
  if (clash !== undefined)
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `${clash[1]}: not with --model ${what}; allowed: one or the other`,
    );
}

/** The data set and seed the model was trained with; flags that contradict them are refused. */
function originOf(flags: ModelFlags, path: string, meta: Record<string, unknown>): Origin {
  const explicit = flags.explicit ?? [];
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
  return { dataset: loadDataset(datasetName, seed), seed };
}

/** A spiking model file names its format; anything else goes to the rate loader, which says what is wrong. */
function isSnnModel(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text);
    return (json as { format?: unknown } | null)?.format === SNN_MODEL_FORMAT;
  } catch {
    return false;
  }
}

/** The saved model of --model, rate or spiking, with the data set and seed it was trained on. */
export function savedModel(flags: ModelFlags): SavedModel {
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
  if (isSnnModel(text)) {
    const m = loadSnnModelText(text, path);
    refuseClash(
      flags,
      [
        ['trainedSnn', '--trained-snn'],
        ['snnEpochs', '--snn-epochs'],
      ],
      'of a trained spiking network (the file is the trained contender)',
    );
    return {
      kind: 'snn',
      network: m.network,
      settings: m.settings,
      ...originOf(flags, path, m.meta),
    };
  }
  const { model, meta } = loadModelText(text, path);
  refuseClash(
    flags,
    [
      ['epochs', '--epochs'],
      ['hidden', '--hidden'],
    ],
    '(the model is already trained)',
  );
  const origin = originOf(flags, path, meta);
  return { kind: 'rate', run: trainRunFromSaved(origin.dataset, model, meta, path), ...origin };
}
