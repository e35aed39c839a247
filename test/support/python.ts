/**
 * The Python that has PyNN and Brian2: Debian's packages live under
 * /usr/bin/python3, not the interpreter first on PATH. Tests against these
 * real peers skip with a message where they are absent, and fail instead
 * when SPIKELAB_REQUIRE_PYTHON_PEERS=1 (as .ci/run sets it), so a CI run
 * never passes without them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/python3', 'python3'];
export const REQUIRE_PEERS = process.env.SPIKELAB_REQUIRE_PYTHON_PEERS === '1';

export interface PythonPeer {
  python: string;
  /** Why there is none (null when there is). */
  missing: string | null;
}

/** The first interpreter that imports every module, or why none does. */
export function findPython(modules: readonly string[]): PythonPeer {
  const tried: string[] = [];
  for (const python of CANDIDATES) {
    if (python.startsWith('/') && !existsSync(python)) {
      tried.push(`${python}: absent`);
      continue;
    }
    // find_spec locates a module without running it: importing Brian2 takes
    // tens of seconds on a loaded machine, and the scripts import it anyway
    const check = `import importlib.util as u, sys; missing = [m for m in ${JSON.stringify(modules)} if u.find_spec(m) is None]; print(",".join(missing)); sys.exit(1 if missing else 0)`;
    const r = spawnSync(python, ['-c', check], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { python, missing: null };
    const why = r.error
      ? String(r.error)
      : r.stdout.trim()
        ? `missing ${r.stdout.trim()}`
        : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`);
    tried.push(`${python}: ${why}`);
  }
  return { python: '', missing: `no Python with ${modules.join(', ')} (${tried.join('; ')})` };
}

/**
 * The peer for a test file: with it, tests run; without, a visible message
 * and skipped tests, or a thrown error when peers are required.
 */
export function pythonPeer(modules: readonly string[], what: string): PythonPeer {
  const peer = findPython(modules);
  if (peer.missing !== null) {
    const text = `${what}: ${peer.missing}; install python3-pynn and python3-brian (apt-get install -y python3-pynn python3-brian)`;
    if (REQUIRE_PEERS) throw new Error(`SPIKELAB_REQUIRE_PYTHON_PEERS=1 but ${text}`);
    console.warn(`SKIPPED ${text}`);
  }
  return peer;
}

/** Runs a script with the peer's Python; returns the JSON object of its last stdout line. */
export function runPython(
  peer: PythonPeer,
  args: readonly string[],
  cwd: string,
  timeoutMs = 280_000,
): Record<string, unknown> {
  const r = spawnSync(peer.python, args, { cwd, encoding: 'utf8', timeout: timeoutMs });
  if (r.status !== 0) {
    throw new Error(
      `${peer.python} ${args.join(' ')} exited ${r.status ?? r.signal}: ${(r.stderr ?? '').slice(-2000)}`,
    );
  }
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}
