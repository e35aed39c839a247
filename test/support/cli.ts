/** The CLI run in-process, as the tests call it: its exit code and what it printed. */
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

export async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}
