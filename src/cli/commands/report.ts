/**
 * `spikelab report FILE.json`: the tables of a saved comparison report of
 * any version (1 and 2 are upgraded), or of a summary over seeds; with
 * --json, the report itself as version 3.
 */
import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { SpikelabError } from '../../core/errors.ts';
import { reportMarkdown } from '../../harness/report/format.ts';
import { seedsMarkdown } from '../../harness/report/format-seeds.ts';
import { serializeReport } from '../../harness/report/read.ts';
import { parseAnyReport, serializeSeedsReport } from '../../harness/report/seeds.ts';
import type { CliIo } from '../io.ts';

export function runReport(file: string, flags: { json?: boolean }, io: CliIo): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${file}: cannot read (${(e as Error).message})`);
  }
  const r = parseAnyReport(text, file);
  if (r.kind === 'seeds') {
    io.out(flags.json ? serializeSeedsReport(r.report) : seedsMarkdown(r.report));
  } else {
    io.out(flags.json ? serializeReport(r.report) : reportMarkdown(r.report));
  }
}

export function registerReport(program: Command, io: CliIo): Command {
  return program
    .command('report')
    .description(
      'print the tables of a report written by spikelab compare (any version, or a summary over seeds)',
    )
    .argument('<file>', 'a report .json file')
    .addOption(
      new Option('--json', 'print the report as JSON of the current version instead').default(
        false,
      ),
    )
    .action(async (file: string, flags: { json?: boolean }) => {
      runReport(file, flags, io);
    });
}
