/**
 * The package as a user gets it: `npm pack` (which builds dist/ through
 * prepack), the tarball installed into an empty folder from the local npm
 * cache, then the CLI through npx, the library from a plain .mjs file, the
 * declarations from a TypeScript consumer, and `spikelab/sim` bundled by Vite
 * for the browser with no Node built-in in it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'spikelab-pack-'));
const app = join(work, 'app');
const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');

function run(cmd: string, args: string[], cwd = app): string {
  const env = { ...process.env };
  delete env.SPIKELAB_FROM_SOURCES;
  return execFileSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The sources copied apart, so the build that `npm pack` runs never rewrites the dist/ other tests may be reading. */
function copyOfSources(): string {
  const copy = join(work, 'source');
  const skip = /^(node_modules|dist|\.git|test|bench|examples|\.artifacts|out|coverage)$/;
  cpSync(repo, copy, {
    recursive: true,
    filter: (from) => !skip.test(relative(repo, from).split(sep)[0] ?? ''),
  });
  symlinkSync(join(repo, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

beforeAll(() => {
  const source = copyOfSources();
  // the environment of a user's shell, not of this test run
  const env = { ...process.env };
  delete env.SPIKELAB_FROM_SOURCES;
  execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], {
    cwd: source,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
  mkdirSync(app);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  // every dependency is in the npm cache that `npm ci` filled: no download
  run('npm', [
    'install',
    '--prefer-offline',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    join(work, tarball),
  ]);
});

describe('the packed package', () => {
  it('ships compiled JavaScript, declarations and maps, and no tests or benchmarks', () => {
    const pkg = join(app, 'node_modules', 'spikelab');
    const files = readdirSync(pkg, { recursive: true }).map(String);
    expect(files).toContain(join('dist', 'src', 'index.js'));
    expect(files).toContain(join('dist', 'src', 'index.d.ts'));
    expect(files).toContain(join('dist', 'sim', 'index.js.map'));
    expect(files).toContain(join('dist', 'web', 'index.html'));
    expect(files.filter((f) => /^(test|bench|examples|scripts)\b/.test(f))).toEqual([]);
    // the maps point at sources that are shipped beside them
    const map = JSON.parse(readFileSync(join(pkg, 'dist', 'sim', 'index.js.map'), 'utf8'));
    expect(readFileSync(resolve(pkg, 'dist', 'sim', map.sources[0]), 'utf8')).toMatch(/export/);
  });

  it('runs its CLI through npx: --version, and a short CUBA simulation as JSON', () => {
    expect(run('npx', ['--no-install', 'spikelab', '--version']).trim()).toBe('0.1.0');
    const out = JSON.parse(
      run('npx', ['--no-install', 'spikelab', 'simulate', 'cuba', '--duration', '50', '--json']),
    );
    expect(out.neurons).toBe(4000);
    expect(out.durationMs).toBe(50);
    expect(out.spikes).toBeGreaterThan(0);
  });

  it('imports compare and simulate from a plain .mjs file under Node', () => {
    writeFileSync(
      join(app, 'use.mjs'),
      `import { compare, simulate, xorDataset } from 'spikelab';
const { report } = compare(xorDataset(), { timesteps: 20, platforms: ['cpu', 'loihi'] });
const sim = simulate('cuba', { durationMs: 20, n: 400, seed: 1 });
console.log(JSON.stringify({ networks: report.networks.length, ann: report.networks[0].accuracy.value, neurons: sim.neurons, spikes: sim.spikes }));
`,
    );
    const r = JSON.parse(run(process.execPath, ['use.mjs']).trim().split('\n').at(-1)!);
    expect(r.networks).toBe(2); // the rate network and its conversion
    expect(r.ann).toBe(1); // XOR's four points, all right
    expect(r.neurons).toBe(400);
    expect(r.spikes).toBeGreaterThanOrEqual(0);
  });

  it('type-checks a TypeScript consumer against the shipped declarations (and rejects a wrong call)', () => {
    writeFileSync(
      join(app, 'use.ts'),
      `import { type CompareReport, compare, xorDataset } from 'spikelab';
import { Tape } from 'spikelab/ann';
import { type NetworkSpec, simulate } from 'spikelab/sim';
const report: CompareReport = compare(xorDataset(), { timesteps: 10 }).report;
const spec: NetworkSpec = { schemaVersion: 1, dt: 1, seed: 0, populations: [], projections: [] };
const rate: number = simulate(spec, { durationMs: 10 }).meanRateHz;
// @ts-expect-error durationMs is a number: a declaration typed any would leave this unflagged
simulate('cuba', { durationMs: 'long' });
export { report, rate, Tape };
`,
    );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          types: [],
          skipLibCheck: false,
        },
        files: ['use.ts'],
      }),
    );
    const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('bundles spikelab/sim with Vite for the browser, without a Node built-in', async () => {
    const site = join(app, 'site');
    mkdirSync(site);
    writeFileSync(
      join(site, 'index.html'),
      '<!doctype html><script type="module" src="./main.js"></script>',
    );
    writeFileSync(
      join(site, 'main.js'),
      `import { simulate } from 'spikelab/sim';
document.title = String(simulate('cuba', { durationMs: 5, n: 200 }).neurons);
`,
    );
    const warnings: string[] = [];
    const vite = await import('vite');
    const logger = vite.createLogger('warn');
    logger.warn = (msg) => warnings.push(msg);
    logger.warnOnce = (msg) => warnings.push(msg);
    await vite.build({
      root: site,
      configFile: false,
      logLevel: 'warn',
      customLogger: logger,
      build: { outDir: join(site, 'dist'), target: 'es2022' },
    });
    const assets = join(site, 'dist', 'assets');
    const code = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n');
    expect(code.length).toBeGreaterThan(10_000);
    expect(code).not.toMatch(/["']node:[a-z_]+["']/);
    expect(warnings.filter((w) => /externalized for browser compatibility/.test(w))).toEqual([]);
  });

  it('refuses a subpath it does not export with Node’s own error', () => {
    const r = spawnSync(process.execPath, ['-e', "import('spikelab/nosuch')"], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED/);
    expect(r.stderr).not.toMatch(/spikelab\/dist/);
  });
});
