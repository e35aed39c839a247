/**
 * Where a command writes: stdout carries results (tables or `--json`), stderr
 * carries progress and errors. Tests pass their own sinks.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal and progress bars may be drawn. */
  interactive: boolean;
}

let pipeGuarded = false;

/** A reader that stops early (`spikelab … | head`) closes the pipe: end quietly, as Unix tools do. */
function endOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

export function processIo(): CliIo {
  endOnClosedPipe();
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    interactive: Boolean(process.stderr.isTTY) && !process.env['CI'],
  };
}

/** Collects output in memory: for tests and for library callers. */
export function memoryIo(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    interactive: false,
  };
}
