/**
 * A classifier as an export source: its network and the inputs of its first
 * test samples, one trial each. A model saved by `train --save` is converted
 * as `compare` converts it (same percentile, encoding and timesteps flags)
 * and simulated by spikelab for the class of each sample; a comparison
 * report written with --include-network already holds both.
 */
import { readFileSync } from 'node:fs';
import { loadModelText } from '../../ann/model-io.ts';
import { base64ToFloat32 } from '../../core/base64.ts';
import { invalid, SpikelabError } from '../../core/errors.ts';
import { DATASET_NAMES } from '../../data/names.ts';
import { loadDataset } from '../../data/node/load.ts';
import { DEFAULT_TIMESTEPS } from '../compare-options.ts';
import { convertToSpiking, DEFAULT_PERCENTILE } from '../convert/convert.ts';
import { denseStack } from '../convert/dense-stack.ts';
import { type EncodingName, inputDrive, inputSize } from '../convert/spiking-classifier.ts';
import { networkForSample } from '../report/network.ts';
import { parseReport } from '../report/read.ts';
import { simulateSamples } from '../run/simulate.ts';
import { trainRunFromSaved } from '../train-rate.ts';
import type { ExportSource } from './types.ts';

/** Test samples exported when --samples is not given. */
export const DEFAULT_EXPORT_SAMPLES = 20;

export interface ClassifierFlags {
  samples?: number;
  dataset?: string;
  percentile?: number;
  timesteps?: number;
  encoding?: EncodingName;
  seed?: number;
}

export function classifierFromModel(path: string, f: ClassifierFlags): ExportSource {
  const { model, meta } = loadModelText(readFileSync(path, 'utf8'), path);
  const datasetName = typeof meta.dataset === 'string' ? meta.dataset : undefined;
  if (datasetName === undefined || !(DATASET_NAMES as readonly string[]).includes(datasetName)) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${path}.meta.dataset: got ${JSON.stringify(datasetName)}; allowed: ${DATASET_NAMES.join(', ')}`,
    );
  }
  if (f.dataset !== undefined && f.dataset !== datasetName) {
    throw invalid(
      '--dataset',
      f.dataset,
      `${datasetName} (${path} was trained on it), or leave it out`,
    );
  }
  const seed = typeof meta.seed === 'number' ? meta.seed : 0;
  if (f.seed !== undefined && f.seed !== seed) {
    throw invalid('--seed', f.seed, `${seed} (${path} was trained with it), or leave it out`);
  }
  const dataset = loadDataset(datasetName, seed);
  const run = trainRunFromSaved(dataset, model, meta, path);
  const timesteps = f.timesteps ?? DEFAULT_TIMESTEPS;
  const conversion = convertToSpiking(
    denseStack(run.model),
    { x: run.train.x, n: run.result.trainSamples },
    {
      percentile: f.percentile ?? DEFAULT_PERCENTILE,
      encoding: f.encoding ?? 'current',
      timesteps,
    },
  );
  const c = conversion.classifier;
  const test = run.test;
  const labels = test.labels;
  if (!labels) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${path}: trained on ${datasetName}, a regression task; allowed: a classifier`,
    );
  }
  const available = test.x.length / test.features;
  const n = Math.min(f.samples ?? DEFAULT_EXPORT_SAMPLES, available);
  const scratch = new Float32Array(inputSize(c.input));
  const ticks = new Int32Array(inputSize(c.input));
  const drives: Float32Array[] = [];
  for (let s = 0; s < n; s++) {
    const d = inputDrive(
      c.input,
      test.x.subarray(s * test.features, (s + 1) * test.features),
      scratch,
      ticks,
    );
    drives.push(Float32Array.from('currents' in d ? d.currents : d.rates));
  }
  const sim = simulateSamples(c, test.x, labels, n, { timesteps, seed });
  return {
    kind: 'classifier',
    name: path,
    title: `The ${datasetName} classifier of ${path.split('/').pop()}, converted (percentile ${conversion.percentile}, ${c.input.kind} coding), first ${n} test samples`,
    spec: c.spec,
    classifier: {
      input: c.input.population,
      parameter: c.input.kind === 'poisson' ? 'rate' : 'i_offset',
      drives,
      layers: c.layers,
      timesteps,
      labels: Array.from({ length: n }, (_, s) => labels[s]!),
      spikelabClasses: Array.from(sim.predictions),
    },
  };
}

export function classifierFromReport(
  path: string,
  data: unknown,
  f: ClassifierFlags,
): ExportSource {
  for (const flag of ['dataset', 'percentile', 'timesteps', 'encoding'] as const) {
    if (f[flag] !== undefined)
      throw invalid(
        `--${flag}`,
        f[flag],
        `nothing with a report (${path} holds the converted network)`,
      );
  }
  const report = parseReport(data, path);
  const k = report.networks.findIndex((n) => n.spiking?.spikingNetwork !== undefined);
  const entry = report.networks[k];
  const block = entry?.spiking?.spikingNetwork;
  if (!entry?.spiking || !block) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${path}.networks: no spiking network with its network stored; allowed: a report of compare --include-network`,
    );
  }
  const n = Math.min(f.samples ?? block.samples.length, block.samples.length);
  const where = `${path}.networks.${k}.spiking.spikingNetwork`;
  const spec = networkForSample(block, 0, where);
  const drives = block.samples
    .slice(0, n)
    .map((s, i) => base64ToFloat32(s.drive.float32, `${where}.samples.${i}.drive.float32`).slice());
  const layers = spec.populations.map((p) => p.label).filter((l) => l !== block.input.population);
  return {
    kind: 'classifier',
    name: path,
    title: `The spiking network ${entry.id} of ${path.split('/').pop()}, first ${n} stored test samples`,
    spec,
    classifier: {
      input: block.input.population,
      parameter: block.input.drive === 'rate' ? 'rate' : 'i_offset',
      drives,
      layers: [...layers.filter((l) => l !== block.output), block.output],
      timesteps: entry.spiking.timesteps,
      labels: block.samples.slice(0, n).map((s) => s.label),
      spikelabClasses: block.samples.slice(0, n).map((s) => s.snn),
    },
  };
}
