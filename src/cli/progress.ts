/**
 * Progress bars on stderr, only when it is a terminal (never in CI logs or
 * when output is piped): cli-progress draws them, this wraps it so commands
 * can always call `tick` without checking.
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.ts';

export interface Progress {
  /** Sets the bar to `value` of `total`, with an optional short status. */
  update(value: number, status?: string): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

export function progressBar(io: CliIo, label: string, total: number): Progress {
  if (!io.interactive || total <= 0) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `${label.padEnd(10)} [{bar}] {percentage}% | {value}/{total} | {status} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { status: '' });
  return {
    update(value, status = '') {
      bar.update(value, { status });
    },
    stop() {
      bar.stop();
    },
  };
}
