/**
 * The `spikelab` command line. Thin: each command parses its flags and calls a
 * library function that the tests call too. Exit codes: 0 success, 2 bad input
 * (flags, files, parameters), 1 anything unexpected.
 */
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Help, type Option } from 'commander';
import { isSpikelabError } from '../core/errors.ts';
import { commandOf, commands } from './commands/index.ts';
import { type CliIo, processIo } from './io.ts';

/** The package's version (kept equal to package.json's by a test). */
export const VERSION = '0.1.0';

const optionDescription = Help.prototype.optionDescription;

/**
 * Help that also shows the default of an option whose value is left unset
 * (`--samples`: all, `--save`: not saved), which commander prints only for
 * options with a default value.
 */
const helpWithEveryDefault = {
  optionDescription(this: Help, option: Option): string {
    const text = optionDescription.call(this, option);
    return option.defaultValue === undefined && option.defaultValueDescription
      ? `${text} (default: ${option.defaultValueDescription})`
      : text;
  },
};

/**
 * The program for `argv`: the command it names is loaded in full, the others
 * only as their name and summary (enough for `--help` and for suggestions).
 */
export async function buildProgram(io: CliIo, argv: readonly string[] = []): Promise<Command> {
  const program = new Command('spikelab')
    .description(
      'Rate networks and spiking networks side by side, on the same data, with honest numbers.',
    )
    .version(VERSION)
    .showSuggestionAfterError(true)
    .configureHelp(helpWithEveryDefault)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  const chosen = commandOf(argv);
  for (const entry of commands) {
    const command =
      entry.name === chosen
        ? (await entry.load())(program, io)
        : program.command(entry.name).description(entry.summary);
    command
      .exitOverride()
      .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  }
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = await buildProgram(io, argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version end this way too, with exit code 0
      return e.exitCode === 0 ? 0 : 2;
    }
    if (isSpikelabError(e)) {
      // one line, whatever the message quotes (a JSON parser's excerpt may hold newlines)
      io.err(`error: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
      return e.code === 'CANCELLED' ? 130 : 2;
    }
    io.err(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
