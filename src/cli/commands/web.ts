/**
 * `spikelab web`: serves the built web app (dist/web) over HTTP. When the
 * site is missing (or --build is given) it is built first with Vite, which a
 * development checkout has; otherwise the message says how to build it.
 */
import { lookup } from 'node:dns/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { SpikelabError } from '../../core/errors.ts';
import { type StaticServer, serveStatic } from '../../io/static-server.ts';
import { intFlag } from '../flags.ts';
import type { CliIo } from '../io.ts';

/** The package's root: the nearest folder above this module with a package.json (sources or dist/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const repoRoot = packageRoot();
export const siteDir = join(repoRoot, 'dist', 'web');

export interface WebOptions {
  port: number;
  host: string;
  build?: boolean;
  /** Where the built site is (default dist/web). */
  dir?: string;
}

/** Builds the site with Vite's API (the repository's vite.config.ts). */
export async function buildSite(io: CliIo): Promise<void> {
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      'the web app is not built and Vite is not installed here: run `npm ci && npm run build` in the repository first',
    );
  }
  io.err('building the web app (vite build)…\n');
  await vite.build({ configFile: join(repoRoot, 'vite.config.ts'), logLevel: 'warn' });
}

/** Refuses a host that names no address before anything is built. */
async function checkHost(host: string): Promise<void> {
  try {
    await lookup(host);
  } catch {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `--host: got ${JSON.stringify(host)}; allowed: an address or a host name of this machine (127.0.0.1, 0.0.0.0, localhost)`,
    );
  }
}

export async function startWeb(o: WebOptions, io: CliIo): Promise<StaticServer> {
  await checkHost(o.host);
  const dir = o.dir ?? siteDir;
  if (o.build || !existsSync(join(dir, 'index.html'))) await buildSite(io);
  const s = await serveStatic(dir, { port: o.port, host: o.host });
  io.out(`serving ${relative(process.cwd(), dir) || '.'} at ${s.url} (Ctrl+C stops)\n`);
  return s;
}

export function registerWeb(program: Command, io: CliIo): Command {
  return program
    .command('web')
    .description('serve the web app (simulate and plot in the browser)')
    .option('--port <N>', 'port (0: any free port)', intFlag(0, 65535), 5180)
    .option('--host <H>', 'address to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--build', 'rebuild the site first (done anyway when dist/web is missing)', false)
    .action(async (o: WebOptions) => {
      const s = await startWeb(o, io);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void s.close().then(done);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
