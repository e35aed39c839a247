/** Every subcommand of the CLI, in the order `--help` lists them. */
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { registerCompare } from './compare.ts';
import { registerExport } from './export.ts';
import { registerImportSpikes } from './import-spikes.ts';
import { registerMap } from './map.ts';
import { registerReport } from './report.ts';
import { registerSimulate } from './simulate.ts';
import { registerTrain } from './train.ts';
import { registerWeb } from './web.ts';

export type RegisterCommand = (program: Command, io: CliIo) => Command;

export const commands: RegisterCommand[] = [
  registerTrain,
  registerSimulate,
  registerCompare,
  registerMap,
  registerExport,
  registerImportSpikes,
  registerReport,
  registerWeb,
];
