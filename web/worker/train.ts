/**
 * Training a spiking network in the worker (the Train view): the same
 * trainer as `spikelab train --paradigm snn`, with progress every few
 * batches and, after each epoch, the test accuracy and one test sample's
 * spikes through every layer. The page cancels by ending the worker.
 */
import { randmanDataset } from '../../src/data/builtin/randman.ts';
import { yinYangDataset } from '../../src/data/builtin/yinyang.ts';
import { type Dataset, split } from '../../src/data/dataset.ts';
import { trainerSpikes } from '../../src/snn/engine.ts';
import { saveSnnModelText } from '../../src/snn/model-io.ts';
import { snnDefaults } from '../../src/snn/settings.ts';
import { evaluateSnn, SnnTrainer } from '../../src/snn/trainer.ts';
import { pageDataset } from './datasets.ts';

export const TRAIN_DATASETS = ['yinyang', 'digits', 'randman'] as const;
export type TrainDataset = (typeof TRAIN_DATASETS)[number];

export interface TrainRequest {
  dataset: TrainDataset;
  epochs: number;
  hidden: number;
  seed: number;
}

export type TrainProgress =
  | {
      kind: 'batch';
      epoch: number;
      batch: number;
      batches: number;
      loss: number;
      accuracy: number;
      spikesPerSample: number;
    }
  | {
      kind: 'epoch';
      epoch: number;
      testAccuracy: number;
      /** One test sample: per layer (hidden…, output when spiking), tick·N + neuron of each spike. */
      raster: { ticks: number; sizes: number[]; spikes: number[][]; label: number };
    };

export interface TrainResult {
  testAccuracy: number;
  modelText: string;
  seconds: number;
}

async function load(name: TrainDataset, seed: number): Promise<Dataset> {
  if (name === 'yinyang') return yinYangDataset({ seed });
  // 500 samples per class keep the page's generation under a few seconds
  if (name === 'randman') return randmanDataset({ seed, samplesPerClass: 500 });
  return pageDataset('digits');
}

export async function trainInWorker(
  r: TrainRequest,
  onProgress: (p: TrainProgress) => void,
): Promise<TrainResult> {
  const d = await load(r.dataset, r.seed);
  const parts = split(d, r.seed);
  const s = { ...snnDefaults(r.dataset), epochs: r.epochs, hidden: [r.hidden] };
  const t = new SnnTrainer(s, parts.train, r.seed);
  const t0 = performance.now();
  const every = Math.max(1, Math.floor(t.batchesPerEpoch / 20));
  while (!t.done) {
    const b = t.step();
    if (b.batch % every === 0 || b.batch === b.batches) onProgress({ kind: 'batch', ...b });
    if (b.batch === b.batches) {
      const ev = evaluateSnn(t.network, s, parts.test, r.seed);
      const spikes = trainerSpikes(t.network, s, parts.test, 0, r.seed);
      onProgress({
        kind: 'epoch',
        epoch: b.epoch,
        testAccuracy: ev.accuracy,
        raster: {
          ticks: s.ticks,
          sizes: t.network.sizes.slice(1),
          spikes,
          label: parts.test.y[0]!,
        },
      });
    }
  }
  const test = evaluateSnn(t.network, s, parts.test, r.seed);
  const modelText = saveSnnModelText({
    network: t.network,
    settings: s,
    classes: [...(d.classes ?? [])],
    meta: { dataset: d.name, seed: r.seed, testAccuracy: test.accuracy },
  });
  return { testAccuracy: test.accuracy, modelText, seconds: (performance.now() - t0) / 1000 };
}
