/**
 * `spikelab compare`: the rate network and its spiking conversion on one
 * data set, side by side — Markdown tables on stdout (or the JSON report
 * with --json), the report, the accuracy-versus-time CSV and the tables
 * written to --out, progress on stderr.
 */

import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { loadModelText } from '../../ann/model-io.ts';
import { SpikelabError } from '../../core/errors.ts';
import type { Dataset } from '../../data/dataset.ts';
import { DATASET_NAMES } from '../../data/names.ts';
import { loadDataset } from '../../data/node/load.ts';
import { type CompareRun, compare, type StageName } from '../../harness/compare.ts';
import {
  DEFAULT_PLATFORMS,
  DEFAULT_TIMESTEPS,
  PLATFORM_NAMES,
} from '../../harness/compare-options.ts';
import { DEFAULT_MAX_RATE_HZ, DEFAULT_PERCENTILE } from '../../harness/convert.ts';
import { startOnChipWorker } from '../../harness/node/on-chip-worker.ts';
import { writeReportFiles } from '../../harness/node/write-report.ts';
import type { RateSettings } from '../../harness/rate-presets.ts';
import { READOUTS } from '../../harness/readout.ts';
import { reportMarkdown } from '../../harness/report-format.ts';
import { NETWORK_SAMPLES } from '../../harness/report-network.ts';
import { serializeReport } from '../../harness/report-schema.ts';
import { BACKENDS } from '../../harness/simulate.ts';
import { ENCODINGS } from '../../harness/spiking-classifier.ts';
import { settingsFor, type TrainRun, trainRunFromSaved } from '../../harness/train-rate.ts';
import { floatFlag, intFlag, intListFlag, namesFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { type Progress, progressBar } from '../progress.ts';

export const DEFAULT_OUT = 'out/compare';

export interface CompareFlags {
  dataset: string;
  timesteps: number;
  encoding: (typeof ENCODINGS)[number];
  percentile: number;
  platforms: string[];
  seed: number;
  readout: (typeof READOUTS)[number];
  maxRate: number;
  window?: number;
  samples?: number;
  epochs?: number;
  hidden?: number[];
  backend: (typeof BACKENDS)[number];
  includeNetwork?: boolean;
  out: string;
  json?: boolean;
  /** A model saved by `spikelab train --save`: compare it without training. */
  model?: string;
  /** 2: a worker thread takes half of the TrueNorth deployment's samples; 1: everything on one thread. */
  threads: number;
  /** Flags given on the command line (the others hold their defaults). */
  explicit?: readonly string[];
}

/**
 * The saved model of --model with its training run rebuilt; the data set and
 * seed come from the model, and flags that would contradict it are refused.
 */
function savedRun(flags: CompareFlags): { run: TrainRun; dataset: Dataset; seed: number } {
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

const STAGE_LABEL: Record<StageName, string> = {
  training: 'training the rate network',
  conversion: 'converting to a spiking network',
  mapping: 'mapping onto the platforms',
  simulation: 'simulating the test samples',
  'on-chip': 'simulating the TrueNorth deployment on the same samples',
  report: 'measuring and writing the report',
};

export async function runCompare(flags: CompareFlags, io: CliIo): Promise<CompareRun> {
  const saved = flags.model !== undefined ? savedRun(flags) : null;
  const dataset = saved?.dataset ?? loadDataset(flags.dataset, flags.seed);
  const seed = saved?.seed ?? flags.seed;
  const training: Partial<RateSettings> = {};
  if (flags.epochs !== undefined) training.epochs = flags.epochs;
  if (flags.hidden !== undefined) training.hidden = flags.hidden;
  let bar: Progress = progressBar(io, '', 0);
  const epochs = settingsFor(dataset.name, training).epochs;
  const run = compare(
    dataset,
    {
      timesteps: flags.timesteps,
      encoding: flags.encoding,
      percentile: flags.percentile,
      platforms: flags.platforms as (typeof PLATFORM_NAMES)[number][],
      seed,
      readout: flags.readout,
      maxRateHz: flags.maxRate,
      backend: flags.backend,
      includeNetwork: flags.includeNetwork ?? false,
      training,
      ...(flags.window !== undefined ? { windowTicks: flags.window } : {}),
      ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
    },
    {
      onStage(stage) {
        bar.stop();
        if (io.interactive) io.err(`${STAGE_LABEL[stage]}…\n`);
      },
      onEpoch(e) {
        if (e.epoch === 1) bar = progressBar(io, 'epochs', epochs);
        bar.update(e.epoch, `loss ${e.loss.toFixed(4)}`);
        if (e.epoch === epochs) bar.stop();
      },
      onSample(done, total) {
        if (done === 1) bar = progressBar(io, 'samples', total);
        bar.update(done);
        if (done === total) bar.stop();
      },
      onChipSample(done, total) {
        if (done === 1) bar = progressBar(io, 'TrueNorth', total);
        bar.update(done);
        if (done === total) bar.stop();
      },
    },
    {
      ...(flags.threads > 1 ? { onChipWorker: startOnChipWorker } : {}),
      ...(saved ? { train: saved.run } : {}),
    },
  );
  const report = run.report;
  const files = writeReportFiles(report, flags.out);
  if (flags.json) {
    io.out(serializeReport(report));
    io.err(`report: ${files.json}\n`);
  } else {
    io.out(reportMarkdown(report));
    io.out(`\nreport: ${files.json}\naccuracy vs time: ${files.csv}\ntables: ${files.markdown}\n`);
  }
  return run;
}

export function registerCompare(program: Command, io: CliIo): Command {
  return program
    .command('compare')
    .description(
      'train a rate network, convert it to a spiking network, run both on the test set and compare accuracy, operations, latency and energy per platform',
    )
    .addOption(new Option('--dataset <name>', 'data set').choices(DATASET_NAMES).default('digits'))
    .addOption(
      new Option('--timesteps <T>', 'ticks (1 ms) each test sample is simulated')
        .argParser(intFlag(1, 1_000_000))
        .default(DEFAULT_TIMESTEPS),
    )
    .addOption(
      new Option(
        '--encoding <name>',
        'input coding: constant current, Poisson rate or time to first spike',
      )
        .choices(ENCODINGS)
        .default('current'),
    )
    .addOption(
      new Option(
        '--percentile <p>',
        'percentile of positive activations that becomes one spike per tick (100: the maximum)',
      )
        .argParser(floatFlag(0, 100, { exclusiveMin: true }))
        .default(DEFAULT_PERCENTILE),
    )
    .addOption(
      new Option('--platforms <list>', 'comma-separated platforms to price')
        .argParser(namesFlag(PLATFORM_NAMES))
        .default(DEFAULT_PLATFORMS, DEFAULT_PLATFORMS.join(',')),
    )
    .addOption(
      new Option(
        '--seed <n>',
        'seed of the split, the weights, the shuffling and the Poisson input',
      )
        .argParser(intFlag(0))
        .default(0),
    )
    .addOption(
      new Option('--readout <name>', 'class readout: most spikes, or highest membrane potential')
        .choices(READOUTS)
        .default('count'),
    )
    .addOption(
      new Option('--max-rate <Hz>', 'poisson: rate of an input at its normalisation scale')
        .argParser(floatFlag(0, 1000, { exclusiveMin: true }))
        .default(DEFAULT_MAX_RATE_HZ),
    )
    .addOption(
      new Option('--window <ticks>', 'ttfs: first spikes fall within this many ticks')
        .argParser(intFlag(1, 1_000_000))
        .default(undefined, 'timesteps / 5'),
    )
    .addOption(
      new Option('--samples <n>', 'simulate only the first n test samples')
        .argParser(intFlag(1))
        .default(undefined, 'all'),
    )
    .addOption(
      new Option('--epochs <n>', 'training epochs')
        .argParser(intFlag(1, 100000))
        .default(undefined, 'per dataset, as spikelab train'),
    )
    .addOption(
      new Option('--hidden <sizes>', 'hidden layer sizes, comma-separated')
        .argParser(intListFlag(1))
        .default(undefined, 'per dataset, as spikelab train'),
    )
    .addOption(
      new Option(
        '--model <file>',
        'compare a model saved by `spikelab train --save` instead of training one (its data set and seed are used)',
      ).default(undefined, 'train one'),
    )
    .addOption(
      new Option(
        '--backend <name>',
        'spiking kernels: auto (WebAssembly SIMD weight rows for fully connected layers), or the engine’s wasm or js backend (same spikes)',
      )
        .choices(BACKENDS)
        .default('auto'),
    )
    .addOption(
      new Option(
        '--threads <n>',
        'threads: 2 shares the TrueNorth deployment’s samples with a worker thread (same report), 1 runs everything on one',
      )
        .argParser(intFlag(1, 2))
        .default(2),
    )
    .addOption(
      new Option(
        '--include-network',
        `keep the converted network (network JSON, weights as base64 float32) and the first ${NETWORK_SAMPLES} test samples' inputs in the report, for the web page's Simulate view (digits: +110 kB, mnist: +2.2 MB)`,
      ).default(false),
    )
    .addOption(
      new Option(
        '--out <dir>',
        'directory for the report (.json), the accuracy curve (.csv) and the tables (.md)',
      ).default(DEFAULT_OUT),
    )
    .addOption(
      new Option('--json', 'print the JSON report on stdout instead of the tables').default(false),
    )
    .action(async (flags: CompareFlags, cmd: Command) => {
      const explicit = cmd.options
        .map((o) => o.attributeName())
        .filter((k) => cmd.getOptionValueSource(k) === 'cli');
      await runCompare({ ...flags, explicit }, io);
    });
}
