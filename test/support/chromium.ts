/**
 * Debian's Chromium for the browser tests, driven by playwright-core (which
 * downloads nothing). One place for the binary lookup and the flag set the
 * browser tests run headless with (.ci/run installs Debian's package).
 */
import { execFileSync } from 'node:child_process';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The browser binary: $CHROMIUM, else `chromium` on the PATH, else undefined. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM'];
  if (fromEnv) return fromEnv;
  try {
    return (
      execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/**
 * Browser tests may be skipped on a developer's machine without Chromium, but
 * not where SPIKELAB_REQUIRE_BROWSER is set (CI): there a missing browser fails.
 */
export function browserRequired(): boolean {
  return Boolean(process.env['SPIKELAB_REQUIRE_BROWSER']);
}
