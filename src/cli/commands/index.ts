/**
 * Every subcommand of the CLI, in the order `--help` lists them. Each one's
 * modules load only when it runs (or shows its own help): a command's
 * imports (the harness, the engine, the data sets) cost start-up time that
 * `spikelab --version` or another command should not pay.
 */
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';

export type RegisterCommand = (program: Command, io: CliIo) => Command;

export interface CommandEntry {
  readonly name: string;
  /** The line `spikelab --help` shows: the command's own description (a test keeps them equal). */
  readonly summary: string;
  readonly load: () => Promise<RegisterCommand>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: 'train',
    summary:
      'train a multilayer perceptron by backpropagation on a built-in data set and report its accuracy',
    load: async () => (await import('./train.ts')).registerTrain,
  },
  {
    name: 'simulate',
    summary:
      'simulate a reference network (cuba, coba, brunel, microcircuit) or a network JSON file',
    load: async () => (await import('./simulate.ts')).registerSimulate,
  },
  {
    name: 'compare',
    summary:
      'train a rate network, convert it to a spiking network, run both on the test set and compare accuracy (with 95 % intervals and McNemar’s test), operations, latency and energy per platform',
    load: async () => (await import('./compare.ts')).registerCompare,
  },
  {
    name: 'map',
    summary:
      'run a network on a neuromorphic platform model: cores, chips, traffic, real time, energy',
    load: async () => (await import('./map.ts')).registerMap,
  },
  {
    name: 'export',
    summary: 'write a network or classifier in another tool’s format (PyNN script: --to pynn)',
    load: async () => (await import('./export.ts')).registerExport,
  },
  {
    name: 'report',
    summary:
      'print the tables of a report written by spikelab compare (any version, or a summary over seeds)',
    load: async () => (await import('./report.ts')).registerReport,
  },
  {
    name: 'web',
    summary: 'serve the web app (simulate and plot in the browser)',
    load: async () => (await import('./web.ts')).registerWeb,
  },
];

/** The command `argv` runs (or asks help for): its first word, or the word after `help`. */
export function commandOf(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  return words[0] === 'help' ? words[1] : words[0];
}
