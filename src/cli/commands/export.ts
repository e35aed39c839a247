/**
 * `spikelab export NETWORK --to FORMAT --out FILE`: a reference model, a
 * network JSON file, a saved model (converted, with its first test samples)
 * or a comparison report with its network, written in another tool's
 * format. The output is written whole or not at all (a temporary file
 * renamed into place), and what the format cannot reproduce exactly is
 * printed to stderr.
 */
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Command, Option } from 'commander';
import { referenceModels } from '../../../sim/models/index.ts';
import { SpikelabError } from '../../core/errors.ts';
import { ENCODINGS, type EncodingName } from '../../harness/convert/spiking-classifier.ts';
import { DEFAULT_EXPORT_SAMPLES } from '../../harness/export/classifier.ts';
import {
  type ExportOptions,
  exportAs,
  exportFormat,
  exportFormatNames,
} from '../../harness/export/formats.ts';
import { resolveExportSource } from '../../harness/export/sources.ts';
import { floatFlag, intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';

export interface ExportCliOptions {
  to: string;
  out?: string;
  n?: number;
  scale?: number;
  seed?: number;
  duration?: number;
  connections?: 'pynn' | 'realised';
  poisson?: 'pynn' | 'arrays';
  samples?: number;
  dataset?: string;
  percentile?: number;
  timesteps?: number;
  encoding?: EncodingName;
}

/** Writes data to path through a temporary file, so a failed write leaves nothing half-written. */
export function writeWhole(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was created where the directory is missing
    }
    throw cannotWrite(path, (e as Error).message);
  }
}

function cannotWrite(path: string, why: string): SpikelabError {
  return new SpikelabError(
    'INVALID_ARGUMENT',
    `--out: cannot write ${path} (${why}); allowed: a file in an existing directory`,
  );
}

/** Refuses an --out whose directory is missing or is a file before any work is done. */
function checkOut(path: string): void {
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw cannotWrite(path, `${dir} does not exist`);
  }
  if (!isDir) throw cannotWrite(path, `${dir} is a file, not a directory`);
}

export async function runExportCommand(
  target: string,
  o: ExportCliOptions,
  io: CliIo,
): Promise<string[]> {
  const format = exportFormat(o.to);
  if (o.out) checkOut(o.out);
  const source = resolveExportSource(target, o);
  const options: ExportOptions = {
    ...(o.duration !== undefined && { durationMs: o.duration }),
    ...(o.connections && { connections: o.connections }),
    ...(o.poisson && { poisson: o.poisson }),
  };
  const { data, notes } = await exportAs(format.name, source, options);
  if (o.out) writeWhole(o.out, data);
  else io.out(typeof data === 'string' ? data : Buffer.from(data).toString('base64'));
  for (const note of notes) io.err(`approximation: ${note}\n`);
  if (o.out) io.err(`wrote ${o.out} (${format.description})\n`);
  if (o.out && format.name === 'pynn') {
    io.err(
      `run: python3 ${o.out} <nest|brian2|neuron|spinnaker> [--duration ms] [--spikes FILE.csv]; on NEST with MPI: mpirun -np N python3 ${o.out} nest\n`,
    );
  }
  return notes;
}

/** --n, --scale and --seed: the options a reference model takes, as simulate takes them. */
export function withNetworkFlags(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--n <N>', 'neurons (cuba, coba)')
        .argParser(intFlag(3))
        .default(undefined, '4000'),
    )
    .addOption(
      new Option('--scale <s>', 'size factor (brunel)')
        .argParser(floatFlag(0, 100, { exclusiveMin: true }))
        .default(undefined, '1'),
    )
    .option('--seed <N>', 'network seed (default: the network’s)', intFlag(0));
}

export function registerExport(program: Command, io: CliIo): Command {
  return withNetworkFlags(program.command('export'))
    .description(
      'write a network or classifier in another tool’s format (PyNN script: --to pynn; NIR file: --to nir)',
    )
    .argument(
      '<network>',
      `${referenceModels.join(' | ')} | FILE.json (network, saved model or spiking model, or report)`,
    )
    .requiredOption('--to <format>', `output format: ${exportFormatNames().join(', ')}`)
    .addOption(new Option('--out <FILE>', 'output file').default(undefined, 'stdout'))
    .addOption(
      new Option('--duration <ms>', 'default run length of the exported script')
        .argParser(floatFlag(0, Number.POSITIVE_INFINITY, { exclusiveMin: true }))
        .default(undefined, '1000, or timesteps per sample'),
    )
    .addOption(
      new Option(
        '--connections <how>',
        'pynn: PyNN’s connector where one matches (its own draw); realised: every synapse listed',
      ).choices(['pynn', 'realised']),
    )
    .addOption(
      new Option(
        '--poisson <how>',
        'pynn: Poisson sources as PyNN’s; arrays: the spikes spikelab draws for --duration',
      ).choices(['pynn', 'arrays']),
    )
    .addOption(
      new Option('--samples <N>', 'classifier: test samples, one trial each')
        .argParser(intFlag(1))
        .default(undefined, `${DEFAULT_EXPORT_SAMPLES}, or those a report stores`),
    )
    .option('--dataset <name>', 'saved model: its data set (default: the one it was trained on)')
    .option(
      '--percentile <p>',
      'saved model: conversion percentile',
      floatFlag(0, 100, { exclusiveMin: true }),
    )
    .option('--timesteps <T>', 'saved model: ticks per sample', intFlag(1))
    .addOption(new Option('--encoding <name>', 'saved model: input coding').choices(ENCODINGS))
    .action(async (target: string, o: ExportCliOptions) => {
      await runExportCommand(target, o, io);
    });
}
