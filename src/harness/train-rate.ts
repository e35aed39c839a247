/**
 * Trains a rate network on a data set end to end: split, scale, build the
 * MLP, fit, evaluate, and return one plain result object (the CLI prints it,
 * `--json` emits it, tests assert on it).
 */

import { z } from 'zod';
import { evaluate } from '../ann/evaluate.ts';
import { mlp, type Sequential } from '../ann/model.ts';
import { Adam } from '../ann/optim/adam.ts';
import type { Optimizer } from '../ann/optim/optimizer.ts';
import { Sgd } from '../ann/optim/sgd.ts';
import { type EpochStats, fit, type LossSpec, type TrainingSet } from '../ann/train.ts';
import { SpikelabError } from '../core/errors.ts';
import { parse } from '../core/schema.ts';
import { type Dataset, split } from '../data/dataset.ts';
import type { DatasetName } from '../data/names.ts';
import { RATE_PRESETS, type RateSettings } from './rate-presets.ts';

export const TRAIN_RESULT_SCHEMA_VERSION = 1;

export interface TrainResult {
  schemaVersion: number;
  dataset: string;
  task: 'classification' | 'regression';
  layers: number[];
  activation: string;
  dropout: number;
  loss: string;
  optimizer: string;
  lr: number;
  epochs: number;
  batch: number;
  seed: number;
  trainSamples: number;
  testSamples: number;
  parameters: number;
  trainLoss: number;
  testLoss: number;
  trainAccuracy?: number;
  testAccuracy?: number;
  /** Regression: test negative log-likelihood per sample in the target's units (nats). */
  testNll?: number;
  seconds: number;
  samplesPerSecond: number;
  history: { epoch: number; loss: number; seconds: number }[];
}

export interface TrainRun {
  result: TrainResult;
  /** The settings it was trained with (the data set's preset with the overrides). */
  settings: RateSettings;
  model: Sequential;
  /** What a saved model needs to be used again: classes and input/target scaling. */
  meta: Record<string, unknown>;
  /** Scaled train and test sets as the model saw them. */
  train: TrainingSet;
  test: TrainingSet;
}

export interface TrainCallbacks {
  onBatch?: (epoch: number, batch: number, batches: number) => void;
  onEpoch?: (stats: EpochStats) => void;
}

/** The preset of a data set with the caller's overrides on top. */
export function settingsFor(dataset: string, overrides: Partial<RateSettings> = {}): RateSettings {
  const preset = RATE_PRESETS[dataset as DatasetName] ?? RATE_PRESETS.digits;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  return { ...preset, ...defined };
}

function lossSpec(s: RateSettings): LossSpec {
  return s.loss === 'mdn' ? { type: 'mdn', k: s.components } : { type: s.loss };
}

function checkLoss(d: Dataset, s: RateSettings): void {
  const classes = d.classes?.length ?? 0;
  const allowed =
    d.task === 'regression'
      ? ['mse', 'mdn']
      : classes === 2
        ? ['softmax-ce', 'bce']
        : ['softmax-ce'];
  if (!allowed.includes(s.loss)) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `loss: got "${s.loss}"; allowed for dataset ${d.name}: ${allowed.join(', ')}`,
    );
  }
}

/** Mean and standard deviation of each column (sd 1 for a constant column). */
function columnStats(x: Float32Array, cols: number): { mean: number[]; sd: number[] } {
  const n = x.length / cols;
  const mean = new Array<number>(cols).fill(0);
  const sd = new Array<number>(cols).fill(0);
  for (let i = 0; i < x.length; i++) mean[i % cols]! += x[i]! / n;
  for (let i = 0; i < x.length; i++) sd[i % cols]! += (x[i]! - mean[i % cols]!) ** 2 / n;
  return { mean, sd: sd.map((v) => (v > 0 ? Math.sqrt(v) : 1)) };
}

function scaled(x: Float32Array, cols: number, s: { mean: number[]; sd: number[] }): Float32Array {
  return Float32Array.from(x, (v, i) => (v - s.mean[i % cols]!) / s.sd[i % cols]!);
}

/**
 * Starts the K component means of an MDN at the (j + ½)/K quantiles of the
 * training targets (through the output biases) instead of all near 0, so the
 * components begin on different modes rather than having to split apart
 * during training — a common MDN initialisation, which makes the fit far less
 * dependent on the seed.
 */
function spreadMixtureMeans(model: Sequential, targets: Float32Array, k: number): void {
  const last = model.layers[model.layers.length - 1]!;
  const bias = last.params[last.params.length - 1]!.value.data;
  const sorted = Float32Array.from(targets).sort();
  for (let j = 0; j < k; j++)
    bias[k + j] = sorted[Math.floor(((j + 0.5) / k) * (sorted.length - 1))]!;
}

/** The split of `dataset` by `seed`, scaled as `settings` say (standardised inputs; regression targets always). */
function prepareSets(dataset: Dataset, settings: RateSettings, seed: number) {
  checkLoss(dataset, settings);
  const parts = split(dataset, seed);
  const f = dataset.features;
  const xStats = settings.standardize ? columnStats(parts.train.x, f) : null;
  const prepX = (x: Float32Array) => (xStats ? scaled(x, f, xStats) : x);
  const regression = dataset.task === 'regression';
  const yStats = regression ? columnStats(parts.train.y as Float32Array, 1) : null;
  const toSet = (d: Dataset): TrainingSet =>
    regression
      ? {
          x: prepX(d.x),
          features: f,
          targets: scaled(d.y as Float32Array, 1, yStats!),
          targetSize: 1,
        }
      : { x: prepX(d.x), features: f, labels: d.y as Int32Array };
  return { parts, xStats, yStats, train: toSet(parts.train), test: toSet(parts.test) };
}

/** What a saved model carries besides the weights. */
function runMeta(
  dataset: Dataset,
  settings: RateSettings,
  result: TrainResult,
  xStats: { mean: number[]; sd: number[] } | null,
  yStats: { mean: number[]; sd: number[] } | null,
): Record<string, unknown> {
  return {
    dataset: dataset.name,
    loss: settings.loss,
    ...(dataset.classes ? { classes: dataset.classes } : {}),
    ...(xStats ? { inputMean: xStats.mean, inputSd: xStats.sd } : {}),
    ...(yStats ? { targetMean: yStats.mean[0], targetSd: yStats.sd[0] } : {}),
    // enough to rebuild the split and compare again without training (trainRunFromSaved)
    seed: result.seed,
    settings,
    training: result,
  };
}

export function trainOnDataset(
  dataset: Dataset,
  settings: RateSettings,
  seed: number,
  cb: TrainCallbacks = {},
): TrainRun {
  const { parts, xStats, yStats, train, test } = prepareSets(dataset, settings, seed);
  const f = dataset.features;
  const regression = dataset.task === 'regression';

  const loss = lossSpec(settings);
  const outputs =
    loss.type === 'softmax-ce' ? dataset.classes!.length : loss.type === 'mdn' ? 3 * loss.k : 1;
  const model = mlp({
    inputs: f,
    hidden: settings.hidden,
    outputs,
    activation: settings.activation,
    dropout: settings.dropout,
    seed,
  });
  if (loss.type === 'mdn') spreadMixtureMeans(model, train.targets!, loss.k);
  const optimizer: Optimizer =
    settings.optimizer === 'adam'
      ? new Adam(model.params, { lr: settings.lr, weightDecay: settings.weightDecay })
      : new Sgd(model.params, {
          lr: settings.lr,
          momentum: settings.momentum,
          weightDecay: settings.weightDecay,
        });

  const t0 = performance.now();
  const history = fit(model, train, {
    epochs: settings.epochs,
    batchSize: settings.batch,
    optimizer,
    loss,
    seed,
    lrSchedule: settings.lrSchedule,
    ...cb,
  });
  const seconds = (performance.now() - t0) / 1000;

  const evTrain = evaluate(model, train, loss);
  const evTest = evaluate(model, test, loss);
  const result: TrainResult = {
    schemaVersion: TRAIN_RESULT_SCHEMA_VERSION,
    dataset: dataset.name,
    task: dataset.task,
    layers: [f, ...settings.hidden, outputs],
    activation: settings.activation,
    dropout: settings.dropout,
    loss: settings.loss,
    optimizer: settings.optimizer,
    lr: settings.lr,
    epochs: settings.epochs,
    batch: settings.batch,
    seed,
    trainSamples: parts.train.n,
    testSamples: parts.test.n,
    parameters: model.parameterCount,
    trainLoss: evTrain.loss,
    testLoss: evTest.loss,
    seconds,
    samplesPerSecond: (parts.train.n * settings.epochs) / seconds,
    history: history.map((h) => ({ epoch: h.epoch, loss: h.loss, seconds: h.seconds })),
  };
  if (evTrain.accuracy !== undefined) result.trainAccuracy = evTrain.accuracy;
  if (evTest.accuracy !== undefined) result.testAccuracy = evTest.accuracy;
  if (regression) {
    // Losses back in the target's units: MSE × sd²; an NLL gains log sd per sample.
    const sd = yStats!.sd[0]!;
    if (loss.type === 'mse') {
      result.trainLoss *= sd * sd;
      result.testLoss *= sd * sd;
      // A Gaussian with the training MSE as its variance: its NLL on the test set.
      const v = result.trainLoss;
      result.testNll = 0.5 * Math.log(2 * Math.PI * v) + result.testLoss / (2 * v);
    } else {
      result.trainLoss += Math.log(sd);
      result.testLoss += Math.log(sd);
      result.testNll = result.testLoss;
    }
  }
  const meta = runMeta(dataset, settings, result, xStats, yStats);
  return { result, settings, model, meta, train, test };
}

const savedRunSchema = z.object({
  dataset: z.string(),
  seed: z.number().int().min(0),
  settings: z.custom<RateSettings>(
    (v) => typeof v === 'object' && v !== null && 'hidden' in v && 'loss' in v,
    { error: () => 'the training settings (saved by spikelab train --save)' },
  ),
  training: z.custom<TrainResult>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      (v as { schemaVersion?: unknown }).schemaVersion === TRAIN_RESULT_SCHEMA_VERSION,
    { error: () => `the training record, version ${TRAIN_RESULT_SCHEMA_VERSION}` },
  ),
});

/**
 * The run that produced a saved model (`spikelab train --save`), rebuilt
 * without training: the same split and scaling from the saved seed and
 * settings, the saved training record. The model must fit the data set.
 */
export function trainRunFromSaved(
  dataset: Dataset,
  model: Sequential,
  meta: Record<string, unknown>,
  where = 'model',
): TrainRun {
  const saved = parse(savedRunSchema, meta, `${where}.meta`, 'INVALID_FILE');
  if (saved.dataset !== dataset.name) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `${where}: trained on ${saved.dataset}; allowed: a model trained on ${dataset.name}`,
    );
  }
  const { train, test } = prepareSets(dataset, saved.settings, saved.seed);
  const layers = saved.training.layers;
  const inputs = model.layers[0]?.spec.inputs;
  if (inputs !== dataset.features || inputs !== layers[0]) {
    throw new SpikelabError(
      'SHAPE_MISMATCH',
      `${where}: ${inputs} inputs; allowed: ${dataset.features} (the features of ${dataset.name})`,
    );
  }
  return { result: saved.training, settings: saved.settings, model, meta, train, test };
}
