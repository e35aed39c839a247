/**
 * Brian2 cpp_standalone from a bench: build a network once through one of
 * the scripts in bench/brian2/ (which also runs it once and prints its
 * statistics), then run the built binary again between spikelab's own runs,
 * so both share the machine's load rep by rep.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Debian's Python, where python3-brian is installed (not a user's pyenv). */
export const PYTHON = '/usr/bin/python3';

export const brian2Available = (): boolean =>
  spawnSync(PYTHON, ['-c', 'import brian2'], { encoding: 'utf8' }).status === 0;

/**
 * Runs `bench/brian2/<script> ...args --repeats 1` and parses the JSON line it
 * prints last (fields: bench/brian2/standalone.py); a string says why it failed.
 */
export function buildBrian2<T extends { buildDirectory: string }>(
  script: string,
  args: string[],
  timeoutMinutes = 30,
): T | string {
  const r = spawnSync(
    PYTHON,
    [resolve(import.meta.dirname, 'brian2', script), ...args, '--repeats', '1'],
    { encoding: 'utf8', maxBuffer: 1 << 26, timeout: timeoutMinutes * 60 * 1000 },
  );
  const line = r.stdout?.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{'))
    return `Brian2 failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' | ')}`;
  return JSON.parse(line) as T;
}

export interface BinaryRun {
  /** The loop as Brian2 times it (results/last_run_info.txt: CPU time serial, omp wall time with OpenMP). */
  loop: number;
  /** The loop's wall-clock time (results/loop_wall_seconds.txt, steady_clock; standalone.py). */
  loopWall: number;
  /** The whole binary: synapse creation, the loop, writing results. */
  binary: number;
}

/** Runs the built binary again, as Brian2's device.run does (in its directory, LD_BIND_NOW=1). */
export function runBrian2Binary(dir: string): BinaryRun {
  const t0 = performance.now();
  const r = spawnSync('./main', [], {
    cwd: dir,
    env: { ...process.env, LD_BIND_NOW: '1' },
    stdio: 'ignore',
    timeout: 90 * 60 * 1000,
  });
  const binary = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`Brian2 binary in ${dir} failed (exit ${r.status})`);
  const first = (file: string) =>
    Number(
      readFileSync(join(dir, 'results', file), 'utf8')
        .trim()
        .split(/\s+/)[0],
    );
  return { loop: first('last_run_info.txt'), loopWall: first('loop_wall_seconds.txt'), binary };
}
