/**
 * `spikelab train --paradigm snn`: a spiking network trained directly by
 * surrogate-gradient BPTT, with the neuron, surrogate, time and encoding
 * flags; the shared flags (--hidden, --epochs, --lr, --batch, --optimizer,
 * --loss, --save, --json) keep their meaning.
 */
import { writeFileSync } from 'node:fs';
import Table from 'cli-table3';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { SpikelabError } from '../../core/errors.ts';
import { parse } from '../../core/schema.ts';
import { loadDataset } from '../../data/node/load.ts';
import { SNN_LOSSES, type SnnLoss } from '../../snn/losses.ts';
import { saveSnnModelText, snnSettingsSchema } from '../../snn/model-io.ts';
import { NEURONS, READOUTS } from '../../snn/network.ts';
import { type SnnRunResult, trainSnnOnDataset } from '../../snn/run.ts';
import { decay, SNN_ENCODINGS, type SnnSettings, snnDefaults } from '../../snn/settings.ts';
import { SURROGATES } from '../../snn/surrogate.ts';
import { floatFlag, intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';
import { progressBar } from '../progress.ts';

export const PARADIGMS = ['ann', 'snn'] as const;

/** Neuron models of the engine that the trainer does not train (yet): named so the message can say so. */
const UNTRAINED_NEURONS = ['izhikevich', 'adex', 'hodgkin-huxley', 'if', 'srm'];

function neuronFlag(raw: string): string {
  const v = raw.trim().toLowerCase();
  if ((NEURONS as readonly string[]).includes(v)) return v;
  const why = UNTRAINED_NEURONS.includes(v) ? ` (${v} is not supported yet by the trainer)` : '';
  throw new InvalidArgumentError(`Allowed: ${NEURONS.join(', ')}${why}.`);
}

export interface SnnFlags {
  neuron?: string;
  beta?: number;
  tauMem?: number;
  tauSyn?: number;
  dt: number;
  threshold?: number;
  reset?: 'subtract' | 'zero';
  surrogate?: SnnSettings['surrogate'];
  slope?: number;
  timesteps?: number;
  encoding?: SnnSettings['encoding'];
  gain?: number;
  recurrent?: boolean;
  readout?: SnnSettings['readout'];
  countPenalty?: number;
}

/** The SNN options of `train`, all unset by default (the data set's preset fills them). */
export function addSnnOptions(cmd: Command): Command {
  const unset = (o: Option, d = 'per dataset') => o.default(undefined, d);
  return cmd
    .addOption(
      unset(
        new Option('--neuron <model>', `snn: neuron model (${NEURONS.join(', ')})`).argParser(
          neuronFlag,
        ),
      ),
    )
    .addOption(
      unset(
        new Option('--beta <x>', 'snn: membrane decay per tick, in (0, 1]').argParser(
          floatFlag(0, 1, { exclusiveMin: true }),
        ),
      ),
    )
    .addOption(
      unset(
        new Option('--tau-mem <ms>', 'snn: membrane time constant; β = e^(−dt/τ_mem)').argParser(
          floatFlag(0, 1e6, { exclusiveMin: true }),
        ),
      ),
    )
    .addOption(
      unset(
        new Option(
          '--tau-syn <ms>',
          'snn: synaptic time constant of cubalif; α = e^(−dt/τ_syn)',
        ).argParser(floatFlag(0, 1e6, { exclusiveMin: true })),
      ),
    )
    .addOption(
      new Option('--dt <ms>', 'snn: tick length for --tau-mem/--tau-syn')
        .argParser(floatFlag(0, 1e3, { exclusiveMin: true }))
        .default(1),
    )
    .addOption(
      unset(
        new Option('--threshold <x>', 'snn: firing threshold θ').argParser(
          floatFlag(0, 1e6, { exclusiveMin: true }),
        ),
      ),
    )
    .addOption(
      unset(new Option('--reset <mode>', 'snn: reset after a spike').choices(['subtract', 'zero'])),
    )
    .addOption(
      unset(new Option('--surrogate <name>', 'snn: surrogate derivative').choices(SURROGATES)),
    )
    .addOption(
      unset(
        new Option('--slope <x>', "snn: fast-sigmoid's slope or ATan's α").argParser(
          floatFlag(0, 1e6, { exclusiveMin: true }),
        ),
      ),
    )
    .addOption(
      unset(new Option('--timesteps <T>', 'snn: ticks per sample').argParser(intFlag(1, 100000))),
    )
    .addOption(unset(new Option('--encoding <name>', 'snn: input coding').choices(SNN_ENCODINGS)))
    .addOption(
      unset(
        new Option('--gain <x>', 'snn: multiplies the input values before coding').argParser(
          floatFlag(0, 1e6, { exclusiveMin: true }),
        ),
      ),
    )
    .addOption(
      new Option('--recurrent', 'snn: recurrent weights in the hidden layers').default(
        undefined,
        'per dataset',
      ),
    )
    .addOption(
      unset(
        new Option('--readout <kind>', 'snn: output neurons (li: leaky integrators)').choices(
          READOUTS,
        ),
      ),
    )
    .addOption(
      unset(
        new Option('--count-penalty <λ>', 'snn: λ of the hidden spike-count penalty').argParser(
          floatFlag(0, 1e6),
        ),
      ),
    );
}

export interface SharedTrainFlags {
  dataset: string;
  hidden?: number[];
  loss?: string;
  optimizer?: string;
  epochs?: number;
  batch?: number;
  lr?: number;
  seed: number;
  save?: string;
  json?: boolean;
}

export function snnSettingsFromFlags(dataset: string, f: SnnFlags & SharedTrainFlags): SnnSettings {
  const s = snnDefaults(dataset);
  if (f.beta !== undefined && f.tauMem !== undefined)
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      '--beta and --tau-mem: got both; allowed: one of them',
    );
  if (f.loss !== undefined && !(SNN_LOSSES as readonly string[]).includes(f.loss))
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `--loss: got ${JSON.stringify(f.loss)}; allowed with --paradigm snn: ${SNN_LOSSES.join(', ')}`,
    );
  const set = <K extends keyof SnnSettings>(k: K, v: SnnSettings[K] | undefined) => {
    if (v !== undefined) s[k] = v;
  };
  set('hidden', f.hidden);
  set('neuron', f.neuron as SnnSettings['neuron'] | undefined);
  set('beta', f.tauMem !== undefined ? decay(f.dt, f.tauMem) : f.beta);
  set('alpha', f.tauSyn !== undefined ? decay(f.dt, f.tauSyn) : undefined);
  set('threshold', f.threshold);
  set('reset', f.reset);
  if (f.surrogate !== undefined && f.surrogate !== s.surrogate && f.slope === undefined)
    s.slope = f.surrogate === 'atan' ? 2 : 25;
  set('surrogate', f.surrogate);
  set('slope', f.slope);
  set('ticks', f.timesteps);
  set('encoding', f.encoding);
  set('gain', f.gain);
  set('recurrent', f.recurrent);
  set('readout', f.readout);
  set('countPenalty', f.countPenalty);
  set('loss', f.loss as SnnLoss | undefined);
  set('optimizer', f.optimizer as SnnSettings['optimizer'] | undefined);
  set('epochs', f.epochs);
  set('batch', f.batch);
  set('lr', f.lr);
  if (s.neuron === 'cubalif' && s.alpha === 0) s.alpha = decay(f.dt, 5);
  if (s.readout === 'li' && !s.loss.startsWith('ce-membrane'))
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `--loss: got ${JSON.stringify(s.loss)} with --readout li; allowed: a membrane loss (ce-membrane-sum, ce-membrane-last, ce-membrane-max), or --readout lif`,
    );
  return parse(snnSettingsSchema, s, 'settings');
}

const pct = (v: number) => `${(100 * v).toFixed(2)} %`;

export function snnResultTable(r: SnnRunResult): string {
  const s = r.settings;
  const t = new Table({
    head: ['', r.dataset],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  const neuron =
    s.neuron === 'cubalif'
      ? `CubaLIF β ${s.beta.toFixed(4)} α ${s.alpha.toFixed(4)}`
      : `LIF β ${s.beta.toFixed(4)}`;
  t.push(
    [
      'network',
      `${r.layers.join('-')} (${neuron}, θ ${s.threshold}, reset ${s.reset}${s.recurrent ? ', recurrent' : ''}, ${s.readout} readout)`,
    ],
    ['time / input', `${s.ticks} ticks, ${s.encoding} coding${s.gain !== 1 ? ` × ${s.gain}` : ''}`],
    ['surrogate', `${s.surrogate} ${s.surrogate === 'atan' ? 'α' : 'slope'} ${s.slope}`],
    [
      'loss / optimizer',
      `${s.loss}${s.countPenalty ? ` + ${s.countPenalty}·count²` : ''} / ${s.optimizer}, lr ${s.lr}`,
    ],
    ['epochs × batch', `${s.epochs} × ${s.batch}`],
    ['samples train / test', `${r.trainSamples} / ${r.testSamples}`],
    ['parameters', String(r.parameters)],
    ['train accuracy (running)', pct(r.trainAccuracy)],
  );
  if (r.validationAccuracy !== undefined)
    t.push(['validation accuracy', pct(r.validationAccuracy)]);
  t.push(
    ['test accuracy', pct(r.testAccuracy)],
    [
      'spikes per test sample',
      `${r.spikesPerSample.toFixed(1)} (${r.layerSpikesPerSample.map((v) => v.toFixed(1)).join(' + ')})`,
    ],
    ['training time', `${r.trainSeconds.toFixed(2)} s`],
    ['samples/s', Math.round(r.trainSamplesPerSecond).toLocaleString('en-US')],
  );
  return `${t.toString()}\n`;
}

export async function runTrainSnn(
  flags: SnnFlags & SharedTrainFlags,
  io: CliIo,
): Promise<SnnRunResult> {
  const settings = snnSettingsFromFlags(flags.dataset, flags);
  const dataset = loadDataset(flags.dataset, flags.seed);
  let bar = progressBar(io, 'epoch 1', 0);
  const run = trainSnnOnDataset(dataset, settings, flags.seed, {
    onBatch(s) {
      if (s.batch === 1) bar = progressBar(io, `epoch ${s.epoch}/${settings.epochs}`, s.batches);
      bar.update(
        s.batch,
        `loss ${s.loss.toFixed(4)} acc ${(100 * s.accuracy).toFixed(1)} % spikes/sample ${s.spikesPerSample.toFixed(0)}`,
      );
    },
    onEpoch(e) {
      bar.stop();
      if (io.interactive)
        io.err(
          `epoch ${e.epoch}/${settings.epochs}  loss ${e.loss.toFixed(4)}  train acc ${(100 * e.trainAccuracy).toFixed(2)} %  spikes/sample ${e.spikesPerSample.toFixed(1)}  ${e.seconds.toFixed(2)} s\n`,
        );
    },
  });
  if (flags.save) {
    try {
      writeFileSync(flags.save, saveSnnModelText(run.model));
    } catch (e) {
      throw new SpikelabError(
        'INVALID_FILE',
        `--save: cannot write ${flags.save} (${(e as Error).message})`,
      );
    }
  }
  if (flags.json) io.out(`${JSON.stringify(run.result)}\n`);
  else io.out(snnResultTable(run.result));
  return run.result;
}
