/**
 * Trains a spiking network on a data set's default split and measures it:
 * the library function behind `spikelab train --paradigm snn`, the web
 * Train view and the comparison's third contender.
 */
import { type Dataset, split } from '../data/dataset.ts';
import type { SnnModel } from './model-io.ts';
import type { SnnSettings } from './settings.ts';
import { type BatchStats, evaluateSnn, SnnTrainer } from './trainer.ts';

export interface SnnEpoch {
  epoch: number;
  loss: number;
  /** Mean over the epoch's batches, each measured before its update. */
  trainAccuracy: number;
  spikesPerSample: number;
  seconds: number;
}

export interface SnnRunResult {
  dataset: string;
  paradigm: 'snn';
  layers: number[];
  settings: SnnSettings;
  trainSamples: number;
  testSamples: number;
  parameters: number;
  /** Mean batch accuracy of the last epoch (the running figure, as snnTorch prints it). */
  trainAccuracy: number;
  testAccuracy: number;
  validationAccuracy?: number;
  /** Spikes per test sample, all spiking layers, and per layer. */
  spikesPerSample: number;
  layerSpikesPerSample: number[];
  trainSeconds: number;
  trainSamplesPerSecond: number;
  history: SnnEpoch[];
}

export interface SnnRunHooks {
  onBatch?(s: BatchStats & { epoch: number; batch: number; batches: number }): void;
  onEpoch?(e: SnnEpoch): void;
}

export function trainSnnOnDataset(
  dataset: Dataset,
  settings: SnnSettings,
  seed: number,
  hooks: SnnRunHooks = {},
): { result: SnnRunResult; model: SnnModel; test: Dataset } {
  const parts = split(dataset, seed);
  const trainer = new SnnTrainer(settings, parts.train, seed);
  const history: SnnEpoch[] = [];
  let trainMs = 0;
  let sums = { loss: 0, acc: 0, spikes: 0, n: 0 };
  while (!trainer.done) {
    const t0 = performance.now();
    const s = trainer.step();
    trainMs += performance.now() - t0;
    sums = {
      loss: sums.loss + s.loss,
      acc: sums.acc + s.accuracy,
      spikes: sums.spikes + s.spikesPerSample,
      n: sums.n + 1,
    };
    hooks.onBatch?.(s);
    if (s.batch === s.batches) {
      const e: SnnEpoch = {
        epoch: s.epoch,
        loss: sums.loss / sums.n,
        trainAccuracy: sums.acc / sums.n,
        spikesPerSample: sums.spikes / sums.n,
        seconds: trainMs / 1000,
      };
      history.push(e);
      hooks.onEpoch?.(e);
      sums = { loss: 0, acc: 0, spikes: 0, n: 0 };
    }
  }
  const net = trainer.network;
  const test = evaluateSnn(net, settings, parts.test, seed);
  const validation = parts.validation ? evaluateSnn(net, settings, parts.validation, seed) : null;
  const trainSeconds = trainMs / 1000;
  const result: SnnRunResult = {
    dataset: dataset.name,
    paradigm: 'snn',
    layers: net.sizes,
    settings,
    trainSamples: parts.train.n,
    testSamples: parts.test.n,
    parameters: net.params.reduce((a, p) => a + p.size, 0),
    trainAccuracy: history.at(-1)?.trainAccuracy ?? 0,
    testAccuracy: test.accuracy,
    ...(validation ? { validationAccuracy: validation.accuracy } : {}),
    spikesPerSample: test.spikesPerSample,
    layerSpikesPerSample: test.layerSpikes,
    trainSeconds,
    trainSamplesPerSecond: (parts.train.n * settings.epochs) / trainSeconds,
    history,
  };
  const model: SnnModel = {
    network: net,
    settings,
    classes: [...(dataset.classes ?? [])],
    meta: { dataset: dataset.name, seed, testAccuracy: test.accuracy },
  };
  return { result, model, test: parts.test };
}
