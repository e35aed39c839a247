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
    const r = spawnSync(python, ['-c', modules.map((m) => `import ${m}`).join('; ')], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (r.status === 0) return { python, missing: null };
    const last = (r.stderr ?? String(r.error ?? '')).trim().split('\n').pop();
    tried.push(`${python}: ${last}`);
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
  timeoutMs = 170_000,
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
