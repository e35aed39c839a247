/**
 * `spikelab train`: trains the default (or a customised) MLP on a built-in
 * data set and prints a results table, or one JSON object with `--json`.
 */
import { writeFileSync } from 'node:fs';
import Table from 'cli-table3';
import { type Command, Option } from 'commander';
import { ACTIVATIONS } from '../../ann/kernels/activation.ts';
import { saveModelText } from '../../ann/model-io.ts';
import { SpikelabError } from '../../core/errors.ts';
import { DATASET_NAMES } from '../../data/names.ts';
import { loadDataset } from '../../data/node/load.ts';
import {
  LOSS_NAMES,
  OPTIMIZER_NAMES,
  RATE_PRESETS,
  type RateSettings,
} from '../../harness/rate-presets.ts';
import { settingsFor, type TrainResult, trainOnDataset } from '../../harness/train-rate.ts';
import { SNN_LOSSES } from '../../snn/losses.ts';
import { floatFlag, intFlag, intListFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { progressBar } from '../progress.ts';
import { addSnnOptions, PARADIGMS, runTrainSnn, type SnnFlags } from './train-snn.ts';

export interface TrainFlags extends SnnFlags {
  dataset: string;
  paradigm: (typeof PARADIGMS)[number];
  hidden?: Auto<number[]>;
  activation?: Auto<RateSettings['activation']>;
  loss?: Auto<RateSettings['loss']>;
  components?: number;
  optimizer?: Auto<RateSettings['optimizer']>;
  epochs?: Auto<number>;
  batch?: Auto<number>;
  lr?: Auto<number>;
  momentum?: number;
  weightDecay?: number;
  dropout?: Auto<number>;
  schedule?: Auto<RateSettings['lrSchedule']>;
  seed: number;
  save?: string;
  json?: boolean;
}

const PER_DATASET = 'per dataset, see below';

const SNN_FLAG_NAMES: Partial<Record<keyof SnnFlags, string>> = {
  neuron: '--neuron',
  beta: '--beta',
  tauMem: '--tau-mem',
  tauSyn: '--tau-syn',
  threshold: '--threshold',
  reset: '--reset',
  surrogate: '--surrogate',
  slope: '--slope',
  timesteps: '--timesteps',
  encoding: '--encoding',
  gain: '--gain',
  recurrent: '--recurrent',
  readout: '--readout',
  countPenalty: '--count-penalty',
};
/** Default of the options whose value depends on the data set. */
const AUTO = 'auto';
type Auto<T> = T | typeof AUTO;
const given = <T>(v: Auto<T> | undefined): T | undefined => (v === AUTO ? undefined : v);

function presetHelp(): string {
  const rows = Object.entries(RATE_PRESETS).map(
    ([name, s]) =>
      `  ${name.padEnd(11)} hidden ${s.hidden.join(',').padEnd(8)} ${s.activation.padEnd(5)} ${s.loss.padEnd(10)} ${s.optimizer} lr ${String(s.lr).padEnd(6)} ${s.lrSchedule.padEnd(8)} epochs ${String(s.epochs).padEnd(4)} batch ${String(s.batch).padEnd(4)}${s.dropout ? ` dropout ${s.dropout}` : ''}${s.standardize ? ' standardised inputs' : ''}`,
  );
  return `\nDefaults per dataset:\n${rows.join('\n')}\n`;
}

const pct = (v: number | undefined) => (v === undefined ? '—' : `${(100 * v).toFixed(2)} %`);

export function resultTable(r: TrainResult): string {
  // no rule between body rows: one line per quantity
  const t = new Table({
    head: ['', r.dataset],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  t.push(
    [
      'network',
      `${r.layers.join('-')} (${r.activation}${r.dropout ? `, dropout ${r.dropout}` : ''})`,
    ],
    ['loss / optimizer', `${r.loss} / ${r.optimizer}, lr ${r.lr}`],
    ['epochs × batch', `${r.epochs} × ${r.batch}`],
    ['samples train / test', `${r.trainSamples} / ${r.testSamples}`],
    ['parameters', String(r.parameters)],
  );
  if (r.task === 'classification') {
    t.push(['train accuracy', pct(r.trainAccuracy)], ['test accuracy', pct(r.testAccuracy)]);
  }
  t.push(['train loss', r.trainLoss.toFixed(4)], ['test loss', r.testLoss.toFixed(4)]);
  if (r.testNll !== undefined) t.push(['test NLL (nats/sample)', r.testNll.toFixed(4)]);
  t.push(
    ['training time', `${r.seconds.toFixed(2)} s`],
    ['samples/s', Math.round(r.samplesPerSecond).toLocaleString('en-US')],
  );
  return `${t.toString()}\n`;
}

export async function runTrain(flags: TrainFlags, io: CliIo): Promise<TrainResult> {
  const dataset = loadDataset(flags.dataset, flags.seed);
  const settings = settingsFor(dataset.name, {
    hidden: given(flags.hidden),
    activation: given(flags.activation),
    loss: given(flags.loss),
    components: flags.components,
    optimizer: given(flags.optimizer),
    epochs: given(flags.epochs),
    batch: given(flags.batch),
    lr: given(flags.lr),
    momentum: flags.momentum,
    weightDecay: flags.weightDecay,
    dropout: given(flags.dropout),
    lrSchedule: given(flags.schedule),
  } as Partial<RateSettings>);
  let bar = progressBar(io, 'epoch 1', 0);
  const run = trainOnDataset(dataset, settings, flags.seed, {
    onBatch(epoch, batch, batches) {
      if (batch === 1) bar = progressBar(io, `epoch ${epoch}/${settings.epochs}`, batches);
      bar.update(batch);
    },
    onEpoch(s) {
      bar.stop();
      if (io.interactive)
        io.err(
          `epoch ${s.epoch}/${s.epochs}  loss ${s.loss.toFixed(4)}  ${s.seconds.toFixed(2)} s\n`,
        );
    },
  });
  if (flags.save) {
    try {
      writeFileSync(flags.save, saveModelText(run.model, run.meta));
    } catch (e) {
      throw new SpikelabError(
        'INVALID_FILE',
        `--save: cannot write ${flags.save} (${(e as Error).message})`,
      );
    }
  }
  const { history, ...summary } = run.result;
  if (flags.json) io.out(`${JSON.stringify({ ...summary, history })}\n`);
  else io.out(resultTable(run.result));
  return run.result;
}

export function registerTrain(program: Command, io: CliIo): Command {
  const cmd = program
    .command('train')
    .description(
      'train a multilayer perceptron by backpropagation on a built-in data set and report its accuracy',
    )
    .addOption(new Option('--dataset <name>', 'data set').choices(DATASET_NAMES).default('digits'))
    .addOption(
      new Option(
        '--paradigm <name>',
        'ann: a rate network; snn: a spiking network trained directly',
      )
        .choices(PARADIGMS)
        .default('ann'),
    )
    .addOption(
      new Option('--hidden <sizes>', 'hidden layer sizes, comma-separated')
        .argParser(intListFlag(1))
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--activation <name>', 'hidden activation')
        .choices(ACTIVATIONS)
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option(
        '--loss <name>',
        `loss (ann: ${LOSS_NAMES.join(', ')}; snn: ${SNN_LOSSES.join(', ')})`,
      ).default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--components <k>', 'mixture components of the mdn loss')
        .argParser(intFlag(1, 64))
        .default(4),
    )
    .addOption(
      new Option('--optimizer <name>', 'optimiser')
        .choices(OPTIMIZER_NAMES)
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--epochs <n>', 'passes over the training set')
        .argParser(intFlag(1, 100000))
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--batch <n>', 'mini-batch size')
        .argParser(intFlag(1, 65536))
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--lr <x>', 'learning rate')
        .argParser(floatFlag(0, 10, { exclusiveMin: true }))
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--momentum <x>', 'SGD momentum').argParser(floatFlag(0, 0.999)).default(0.9),
    )
    .addOption(
      new Option('--weight-decay <x>', 'L2 weight decay added to the gradient')
        .argParser(floatFlag(0, 1))
        .default(0),
    )
    .addOption(
      new Option('--dropout <p>', 'dropout rate after each hidden layer while training')
        .argParser(floatFlag(0, 0.9))
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--schedule <name>', 'learning-rate schedule')
        .choices(['constant', 'cosine'])
        .default(AUTO, PER_DATASET),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the split, the weights and the shuffling')
        .argParser(intFlag(0))
        .default(0),
    )
    .addOption(
      new Option(
        '--save <file>',
        'write the trained model as JSON, with its seed and settings (`spikelab compare --model` reads it)',
      ).default(undefined, 'not saved'),
    )
    .addOption(
      new Option('--json', 'print one JSON object on stdout instead of the table').default(false),
    )
    .addHelpText('after', presetHelp());
  return addSnnOptions(cmd).action(async (flags: TrainFlags) => {
    if (flags.paradigm === 'snn') {
      await runTrainSnn(
        {
          ...flags,
          hidden: given(flags.hidden),
          loss: given(flags.loss),
          optimizer: given(flags.optimizer),
          epochs: given(flags.epochs),
          batch: given(flags.batch),
          lr: given(flags.lr),
        },
        io,
      );
      return;
    }
    const snnOnly = Object.entries(SNN_FLAG_NAMES).find(
      ([k]) => flags[k as keyof SnnFlags] !== undefined,
    );
    if (snnOnly)
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `${snnOnly[1]}: applies to --paradigm snn only; allowed with --paradigm ann: leave it out`,
      );
    const loss = given(flags.loss);
    if (loss !== undefined && !(LOSS_NAMES as readonly string[]).includes(loss))
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `--loss: got ${JSON.stringify(loss)}; allowed with --paradigm ann: ${LOSS_NAMES.join(', ')}`,
      );
    await runTrain(flags, io);
  });
}
