/**
 * `spikelab compare`: the rate network and its spiking conversion on one
 * data set, side by side — Markdown tables on stdout (or the JSON report
 * with --json), the report, the accuracy-versus-time CSV and the tables
 * written to --out, progress on stderr.
 */

import { type Command, Option } from 'commander';
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
import { settingsFor } from '../../harness/train-rate.ts';
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
  const dataset = loadDataset(flags.dataset, flags.seed);
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
      seed: flags.seed,
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
    { onChipWorker: startOnChipWorker },
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
        '--backend <name>',
        'spiking kernels: auto (WebAssembly SIMD weight rows for fully connected layers), or the engine’s wasm or js backend (same spikes)',
      )
        .choices(BACKENDS)
        .default('auto'),
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
    .action(async (flags: CompareFlags) => {
      await runCompare(flags, io);
    });
}
