/**
 * The comparison, as a short list of stages over one state: load the data
 * set → train the rate network → convert it (and build any other spiking
 * contender) → map every spiking network onto the platforms → simulate the
 * test samples through each network → run the TrueNorth deployments on the
 * same samples → price every network on every device → assemble the
 * report. Each stage is a function of what the earlier ones left; the
 * runner times each (stage-runner.ts), and the report says so.
 */

import type { Sequential } from '../ann/model.ts';
import { SpikelabError } from '../core/errors.ts';
import type { Dataset } from '../data/dataset.ts';
import {
  type CompareOptions,
  type ResolvedCompareOptions,
  resolveCompareOptions,
} from './compare-options.ts';
import { type Conversion, convertToSpiking } from './convert/convert.ts';
import { conversionObstacle, denseStack } from './convert/dense-stack.ts';
import { assembleReport } from './pipeline/assemble.ts';
import { rateEnergy, runRateSide } from './pipeline/rate-side.ts';
import {
  deploySpiking,
  mapSpiking,
  priceSpiking,
  type SpikingContender,
  type SpikingRun,
  simulateSpiking,
  spikingRun,
} from './pipeline/spiking-side.ts';
import { type StageName, StageRunner } from './pipeline/stage-runner.ts';
import type { LossName, RateSettings } from './rate-presets.ts';
import type { CompareReport } from './report/schema.ts';
import type { OnChipStarter } from './run/on-chip.ts';
import { settingsFor, type TrainCallbacks, type TrainRun, trainOnDataset } from './train-rate.ts';

export type { SpikingContender } from './pipeline/spiking-side.ts';
export { ON_CHIP_WORKER_MIN_WORK } from './pipeline/spiking-side.ts';
export type { StageName } from './pipeline/stage-runner.ts';

export interface CompareCallbacks extends TrainCallbacks {
  onStage?: (stage: StageName) => void;
  /** Samples simulated so far (each spiking network's run counts from 1 again; `network` is its id). */
  onSample?: (done: number, total: number, network: string) => void;
  /** Samples of a TrueNorth deployment's run done so far (stage 'deploy'; both threads when shared). */
  onChipSample?: (done: number, total: number, network: string) => void;
}

export interface CompareContext {
  /** The `train` of an earlier run on the same data set, seed and training settings: compare other spiking settings without training again. */
  train?: TrainRun;
  /** Spiking classifiers to compare beside the conversion (trained directly, or imported), on the same test samples. */
  contenders?: readonly SpikingContender[];
  /**
   * Runs part of each TrueNorth deployment's samples on another thread
   * (Node: `startOnChipWorker`) while this one runs the rest; same results
   * as on one thread.
   */
  onChipWorker?: OnChipStarter;
  /** Least work (samples × ticks × deployed neurons) worth a worker (default ON_CHIP_WORKER_MIN_WORK). */
  onChipWorkerMinWork?: number;
}

export interface CompareRun {
  readonly report: CompareReport;
  readonly train: TrainRun;
  /** The rate network's conversion; null when the spiking side does not apply (regression, or a network conversion cannot take). */
  readonly conversion: Conversion | null;
  /** Every spiking network of the comparison, the conversion's first. */
  readonly spiking: readonly SpikingRun[];
}

/** Why the rate network has no spiking conversion here, or null. */
function conversionBlocked(dataset: Dataset, model: Sequential, loss: LossName): string | null {
  if (dataset.task === 'regression') {
    return `${dataset.name} is a regression task: a spiking classifier reads a class out of spike counts, and the rate network's ${loss} output has no spiking counterpart here`;
  }
  const obstacle = conversionObstacle(denseStack(model));
  return obstacle === null ? null : `conversion does not apply: ${obstacle}`;
}

function trainStage(
  dataset: Dataset,
  o: ResolvedCompareOptions,
  cb: CompareCallbacks,
  context: CompareContext,
): { train: TrainRun; settings: RateSettings } {
  const given = context.train;
  if (given && o.training && Object.keys(o.training).length > 0) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `training: got ${Object.keys(o.training).join(', ')} with an already trained network (context.train); allowed: one or the other`,
    );
  }
  if (given && (given.result.seed !== o.seed || given.result.dataset !== dataset.name)) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `context.train: trained on ${given.result.dataset} with seed ${given.result.seed}; allowed: a run on ${dataset.name} with seed ${o.seed}`,
    );
  }
  const settings = given?.settings ?? settingsFor(dataset.name, o.training ?? {});
  return { train: given ?? trainOnDataset(dataset, settings, o.seed, cb), settings };
}

/** The conversion as the first spiking run (or why there is none), then the other contenders. */
function convertStage(
  dataset: Dataset,
  train: TrainRun,
  settings: RateSettings,
  o: ResolvedCompareOptions,
  contenders: readonly SpikingContender[],
): { runs: SpikingRun[]; conversion: Conversion | null; blocked: string | null } {
  const blocked = conversionBlocked(dataset, train.model, settings.loss);
  const runs: SpikingRun[] = [];
  let conversion: Conversion | null = null;
  if (blocked === null) {
    conversion = convertToSpiking(
      denseStack(train.model),
      { x: train.train.x, n: train.result.trainSamples },
      {
        percentile: o.percentile,
        encoding: o.encoding,
        maxRateHz: o.maxRateHz,
        timesteps: o.timesteps,
        ...(o.windowTicks !== undefined ? { windowTicks: o.windowTicks } : {}),
      },
    );
    runs.push(
      spikingRun(
        { id: 'snn', label: 'spiking network (SNN)', classifier: conversion.classifier },
        conversion,
      ),
    );
  }
  if (contenders.length > 0 && dataset.task !== 'classification') {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `context.contenders: ${dataset.name} is a regression task; allowed: spiking classifiers on a classification data set`,
    );
  }
  for (const c of contenders) runs.push(spikingRun(c, null));
  return { runs, conversion, blocked };
}

function checkContenders(contenders: readonly SpikingContender[], features: number): void {
  const ids = new Set(['ann', 'snn']);
  contenders.forEach((c, i) => {
    if (ids.has(c.id)) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `context.contenders.${i}.id: got ${JSON.stringify(c.id)}; allowed: an id other than ${[...ids].join(', ')}`,
      );
    }
    ids.add(c.id);
    if (c.classifier.input.features !== features) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `context.contenders.${i}.classifier.input.features: got ${c.classifier.input.features}; allowed: ${features}, the data set's features`,
      );
    }
  });
}

/** Runs the comparison on `source` (a data set, or a function that loads it: the 'load' stage). */
export function compare(
  source: Dataset | (() => Dataset),
  options: CompareOptions = {},
  cb: CompareCallbacks = {},
  context: CompareContext = {},
): CompareRun {
  const o = resolveCompareOptions(options);
  const stages = new StageRunner(cb.onStage);
  const contenders = context.contenders ?? [];

  const dataset = stages.run('load', () => (typeof source === 'function' ? source() : source));
  checkContenders(contenders, dataset.features);
  const { train, settings } = stages.run('train', () => trainStage(dataset, o, cb, context));
  const n = Math.min(o.samples ?? Number.POSITIVE_INFINITY, train.result.testSamples);
  const ticks = (run: SpikingRun) => run.classifier.timesteps ?? o.timesteps;
  const { runs, conversion, blocked } = stages.run('convert', () =>
    convertStage(dataset, train, settings, o, contenders),
  );
  stages.run('map', () => {
    for (const run of runs) mapSpiking(run, o.platforms);
  });
  const rate = stages.run('simulate', () => {
    const side = runRateSide(train, settings, n);
    const samples = { x: side.testX, labels: train.test.labels ?? [], n };
    for (const run of runs) {
      simulateSpiking(
        run,
        samples,
        { ...o, timesteps: ticks(run) },
        run.conversion ? side.activations.slice(1) : null,
        cb.onSample ? (done, total) => cb.onSample!(done, total, run.id) : undefined,
      );
    }
    return side;
  });
  stages.run('deploy', () => {
    const samples = { x: rate.testX, labels: train.test.labels ?? [], n };
    for (const run of runs) {
      deploySpiking(
        run,
        samples,
        { ...o, timesteps: ticks(run) },
        {
          ...(context.onChipWorker ? { worker: context.onChipWorker } : {}),
          ...(context.onChipWorkerMinWork !== undefined
            ? { workerMinWork: context.onChipWorkerMinWork }
            : {}),
          ...(cb.onChipSample
            ? { onSample: (done: number, total: number) => cb.onChipSample!(done, total, run.id) }
            : {}),
        },
      );
    }
  });
  const annEnergy = stages.run('price', () => {
    for (const run of runs) priceSpiking(run, n, ticks(run));
    return rateEnergy(o.platforms, rate.workload.operations);
  });
  const report = stages.run('report', () =>
    assembleReport({ dataset, o, train, n, rate, annEnergy, runs, blocked }),
  );
  report.wallClock = { ...report.wallClock, ...stages.summary() };
  return { report, train, conversion, spiking: runs };
}
