/**
 * `spikelab compare`: the rate network, its spiking conversion (and any
 * other contender) on one data set, side by side — Markdown tables on
 * stdout (or the JSON report with --json), the report, the
 * accuracy-versus-time CSV and the tables written to --out, progress on
 * stderr. With --seeds, one run per seed and a summary of mean ± sd.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { NIR_INTEGRATORS, type NirIntegrator } from '../../../sim/io/nir/index.ts';
import { invalid, SpikelabError } from '../../core/errors.ts';
import { fieldInfo } from '../../core/schema-fields.ts';
import { DATASET_NAMES } from '../../data/names.ts';
import { loadDataset } from '../../data/node/load.ts';
import {
  type CompareCallbacks,
  type CompareRun,
  compare,
  type StageName,
} from '../../harness/compare.ts';
import {
  type CompareOptions,
  compareOptionsSchema,
  parseSeeds,
  trainingFlagsSchema,
} from '../../harness/compare-options.ts';
import { compareSeeds } from '../../harness/compare-seeds.ts';
import { startOnChipWorker } from '../../harness/node/on-chip-worker.ts';
import { writeReportFiles } from '../../harness/node/write-report.ts';
import type { SpikingContender } from '../../harness/pipeline/spiking-side.ts';
import type { RateSettings } from '../../harness/rate-presets.ts';
import { reportMarkdown } from '../../harness/report/format.ts';
import { seedsMarkdown } from '../../harness/report/format-seeds.ts';
import { NETWORK_SAMPLES } from '../../harness/report/network.ts';
import { serializeReport } from '../../harness/report/read.ts';
import { type SeedsReport, serializeSeedsReport } from '../../harness/report/seeds.ts';
import { settingsFor } from '../../harness/train-rate.ts';
import { contenderOf, trainContender } from '../../snn/contender.ts';
import { floatFlag, intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { type Progress, progressBar } from '../progress.ts';
import { schemaOption } from '../schema-flags.ts';
import { type ModelFlags, type SavedModel, savedModel } from './compare-model.ts';
import { nirContender } from './compare-nir.ts';
import { isNirPath } from './nir-network.ts';

export const DEFAULT_OUT = 'out/compare';

/** The options schema's fields the CLI offers as flags (the rest are library-only). */
const OPTION_FLAGS = [
  'timesteps',
  'encoding',
  'percentile',
  'platforms',
  'seed',
  'readout',
  'maxRateHz',
  'windowTicks',
  'samples',
  'backend',
] as const;

type OptionKey = (typeof OPTION_FLAGS)[number];

/** The attribute commander stores a field's flag under (`--max-rate` → `maxRate`). */
export function flagAttribute(key: OptionKey): string {
  return new Option(fieldInfo(compareOptionsSchema.shape[key]).flag ?? `--${key}`).attributeName();
}

export interface CompareFlags extends ModelFlags {
  dataset: string;
  timesteps?: number;
  encoding?: string;
  percentile?: number;
  platforms?: string[];
  readout?: string;
  maxRate?: number;
  window?: number;
  samples?: number;
  backend?: string;
  epochs?: number;
  hidden?: number[];
  includeNetwork?: boolean;
  out: string;
  json?: boolean;
  /** Seeds to repeat the comparison over (`--seeds 5` or `--seeds 0,1,2`). */
  seeds?: number[];
  /** 2: a worker thread takes half of each TrueNorth deployment's samples; 1: everything on one thread. */
  threads: number;
  /** --model FILE.nir: the tick (ms) and integration of its dynamics. */
  dt?: number;
  integrator?: NirIntegrator;
  /** Train a spiking network directly and compare it beside the ANN and the conversion. */
  trainedSnn?: boolean;
  snnEpochs?: number;
}

const STAGE_LABEL: Record<StageName, string> = {
  load: 'loading the data set',
  train: 'training the rate network',
  convert: 'converting to a spiking network',
  map: 'mapping onto the platforms',
  simulate: 'simulating the test samples',
  deploy: 'running the TrueNorth deployment on the same samples',
  price: 'pricing every network on every device',
  report: 'writing the report',
};

/** Progress bars on stderr for every stage that reports progress. */
function progress(io: CliIo, epochs: number): CompareCallbacks {
  let bar: Progress = progressBar(io, '', 0);
  return {
    onStage(stage) {
      bar.stop();
      if (io.interactive) io.err(`${STAGE_LABEL[stage]}…\n`);
    },
    onEpoch(e) {
      if (e.epoch === 1) bar = progressBar(io, 'epochs', epochs);
      bar.update(e.epoch, `loss ${e.loss.toFixed(4)}`);
      if (e.epoch === epochs) bar.stop();
    },
    onSample(done, total, network) {
      if (done === 1) bar = progressBar(io, network, total);
      bar.update(done);
      if (done === total) bar.stop();
    },
    onChipSample(done, total) {
      if (done === 1) bar = progressBar(io, 'TrueNorth', total);
      bar.update(done);
      if (done === total) bar.stop();
    },
  };
}

function options(flags: CompareFlags, seed: number): CompareOptions {
  const training: Partial<RateSettings> = {};
  if (flags.epochs !== undefined) training.epochs = flags.epochs;
  if (flags.hidden !== undefined) training.hidden = flags.hidden;
  const given = flags as unknown as Record<string, unknown>;
  const o: Record<string, unknown> = { includeNetwork: flags.includeNetwork ?? false, training };
  for (const k of OPTION_FLAGS) {
    const v = given[flagAttribute(k)];
    if (v !== undefined) o[k] = v;
  }
  // the schema checks every field once more, naming the option
  return { ...o, seed } as CompareOptions;
}

/** The summary over seeds, written beside the per-seed reports. */
function writeSeedsFiles(s: SeedsReport, dir: string): { json: string; markdown: string } {
  const r = s.reports[0]!;
  const base = join(
    dir,
    `compare-${r.dataset}-${r.settings.encoding}-T${r.settings.timesteps}-seeds${s.seeds.join('_')}`,
  );
  const files = { json: `${base}.json`, markdown: `${base}.md` };
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(files.json, serializeSeedsReport(s));
    writeFileSync(files.markdown, seedsMarkdown(s));
  } catch (e) {
    throw new SpikelabError(
      'INVALID_FILE',
      `--out: cannot write to ${dir} (${(e as Error).message})`,
    );
  }
  return files;
}

function runSeeds(flags: CompareFlags, io: CliIo, seeds: number[]): SeedsReport {
  if (flags.model !== undefined) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      '--seeds: not with --model (a saved model has one seed); allowed: one or the other',
    );
  }
  if ((flags.explicit ?? []).includes('seed')) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      '--seed: not with --seeds (the seeds set each run’s seed); allowed: one or the other',
    );
  }
  const epochs = settingsFor(flags.dataset, options(flags, 0).training ?? {}).epochs;
  const { seed: _, ...rest } = options(flags, 0);
  const { summary, runs } = compareSeeds(
    (seed) => loadDataset(flags.dataset, seed),
    seeds,
    rest,
    {
      ...progress(io, epochs),
      onSeed: (seed, i, total) => io.interactive && io.err(`seed ${seed} (${i} of ${total})\n`),
    },
    flags.threads > 1 ? { onChipWorker: startOnChipWorker } : {},
  );
  const written = runs.map((r) => writeReportFiles(r.report, flags.out));
  const files = writeSeedsFiles(summary, flags.out);
  if (flags.json) {
    io.out(serializeSeedsReport(summary));
    io.err(`summary: ${files.json}\n`);
  } else {
    io.out(seedsMarkdown(summary));
    io.out(
      `\nper-seed reports: ${written.map((w) => w.json).join(', ')}\nsummary: ${files.json}\ntables: ${files.markdown}\n`,
    );
  }
  return summary;
}

/** The trained contender's input is rate-coded, so its data set's values must lie in [0, 1]. */
function refuseStandardized(dataset: string, o: ReturnType<typeof options>, what: string): void {
  if (settingsFor(dataset, o.training ?? {}).standardize)
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${what}: ${dataset}'s rate network standardises its inputs, which rate coding cannot take; allowed: a data set of values in [0, 1] (digits, mnist, mnist-full, yinyang)`,
    );
}

/** The directly trained contender: the spiking model of --model, or one trained for --trained-snn. */
function trainedSnnContenders(
  flags: CompareFlags,
  saved: SavedModel | null,
  o: ReturnType<typeof options>,
  io: CliIo,
): SpikingContender[] {
  if (saved?.kind === 'snn') {
    const where = `--model ${flags.model}`;
    refuseStandardized(saved.dataset.name, o, where);
    return [contenderOf(saved.network, saved.settings, where)];
  }
  if (!flags.trainedSnn) return [];
  const seed = saved?.seed ?? flags.seed;
  const dataset = saved?.dataset.name ?? flags.dataset;
  refuseStandardized(dataset, o, '--trained-snn');
  if (io.interactive) io.err('training the spiking network (surrogate gradient)\n');
  const { contender } = trainContender(
    loadDataset(dataset, seed),
    seed,
    flags.snnEpochs !== undefined ? { epochs: flags.snnEpochs } : {},
  );
  return [contender];
}

export async function runCompare(
  flags: CompareFlags,
  io: CliIo,
): Promise<CompareRun | SeedsReport> {
  if (flags.seeds !== undefined) return runSeeds(flags, io, flags.seeds);
  const fromNir = flags.model !== undefined && isNirPath(flags.model);
  if (!fromNir && (flags.dt !== undefined || flags.integrator !== undefined))
    throw invalid(
      flags.dt !== undefined ? '--dt' : '--integrator',
      flags.dt ?? flags.integrator,
      'only with --model FILE.nir',
    );
  const saved = flags.model !== undefined && !fromNir ? savedModel(flags) : null;
  const seed = saved?.seed ?? flags.seed;
  const nirData = fromNir ? loadDataset(flags.dataset, seed) : null;
  const o = options(flags, seed);
  const contenders = [
    ...(nirData ? [await nirContender(flags, nirData)] : []),
    ...trainedSnnContenders(flags, saved, o, io),
  ];
  const epochs = settingsFor(saved?.dataset.name ?? flags.dataset, o.training ?? {}).epochs;
  const run = compare(
    () => saved?.dataset ?? nirData ?? loadDataset(flags.dataset, seed),
    o,
    progress(io, epochs),
    {
      ...(flags.threads > 1 ? { onChipWorker: startOnChipWorker } : {}),
      ...(saved?.kind === 'rate' ? { train: saved.run } : {}),
      ...(contenders.length > 0 && { contenders }),
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
  const cmd = program
    .command('compare')
    .description(
      'train a rate network, convert it to a spiking network, run both on the test set and compare accuracy (with 95 % intervals and McNemar’s test), operations, latency and energy per platform',
    )
    .addOption(new Option('--dataset <name>', 'data set').choices(DATASET_NAMES).default('digits'));
  const shape = compareOptionsSchema.shape;
  for (const key of OPTION_FLAGS) cmd.addOption(schemaOption(key, shape[key]));
  cmd
    .addOption(
      new Option(
        '--seeds <n|list>',
        'repeat the comparison over seeds: a count (5: seeds 0–4) or a comma-separated list; reports mean ± sd and keeps each seed’s report',
      )
        .argParser((raw: string) => {
          try {
            return parseSeeds(raw);
          } catch (e) {
            throw new InvalidArgumentError(
              `${(e as Error).message.replace(/^.*allowed: /, 'Allowed: ')}.`,
            );
          }
        })
        .default(undefined, 'one run, with --seed'),
    )
    .addOption(schemaOption('epochs', trainingFlagsSchema.shape.epochs))
    .addOption(schemaOption('hidden', trainingFlagsSchema.shape.hidden))
    .addOption(
      new Option(
        '--model <file>',
        'compare a model saved by `spikelab train --save` instead of training one (its data set and seed are used; a spiking model from `train --paradigm snn --save` is the directly trained network beside a rate network trained on them), or a NIR file (.nir) beside the rate network and its conversion',
      ).default(undefined, 'train one'),
    )
    .addOption(
      new Option(
        '--dt <ms>',
        '--model FILE.nir: tick the NIR dynamics are discretised at, 0.01–1 ms',
      )
        .argParser(floatFlag(0.01, 1))
        .default(undefined, 'the file’s metadata'),
    )
    .addOption(
      new Option('--integrator <name>', '--model FILE.nir: exact or euler')
        .choices(NIR_INTEGRATORS)
        .default(undefined, 'the file’s metadata, else exact'),
    )
    .addOption(
      new Option(
        '--threads <n>',
        'threads: 2 shares each TrueNorth deployment’s samples with a worker thread (same report), 1 runs everything on one',
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
    .addOption(
      new Option(
        '--trained-snn',
        'also train a spiking network directly (surrogate gradient, rate-coded input) and compare it as a third network',
      ).default(false),
    )
    .addOption(
      new Option('--snn-epochs <n>', 'epochs of the directly trained network')
        .argParser(intFlag(1, 100000))
        .default(undefined, 'its data set default'),
    )
    .action(async (flags: CompareFlags, c: Command) => {
      const explicit = c.options
        .map((o) => o.attributeName())
        .filter((k) => c.getOptionValueSource(k) === 'cli');
      await runCompare({ ...flags, explicit }, io);
    });
  return cmd;
}
