/**
 * Start-up of the compiled CLI against bare Node, in one run: each command
 * is started ROUNDS times (default 10), interleaved with `node -e 0` so the
 * machine's load touches both alike, and the medians compared.
 *
 *   - `spikelab --version` and `spikelab --help`: goal within 0.15 s of bare Node;
 *   - `spikelab simulate cuba --duration 10 --json`: goal within 0.3 s of bare
 *     Node plus the run's own work (network build + simulation, as the JSON
 *     reports them).
 *
 * It runs dist/ (built with `npm run build:lib` first when it is missing;
 * `npm ci` builds it through `prepare`; rebuild after editing the sources).
 *
 *   npm run bench:startup            (ROUNDS=n to change)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const ROUNDS = Number(process.env['ROUNDS'] ?? 10);
const root = resolve(import.meta.dirname, '..');
const bin = resolve(root, 'bin', 'spikelab.js');
const env = { ...process.env };
delete env['SPIKELAB_FROM_SOURCES'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/** Wall seconds of one process, and its stdout. */
function timed(args: string[]): { seconds: number; out: string } {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, args, { env, encoding: 'utf8' });
  return { seconds: (performance.now() - t0) / 1000, out };
}

if (!existsSync(resolve(root, 'dist', 'src', 'cli', 'main.js'))) {
  console.log('dist/ is missing: building it (npm run build:lib)…');
  execFileSync('npm', ['run', '--silent', 'build:lib'], { cwd: root, stdio: 'inherit' });
}

const cases = [
  { name: '--version', args: [bin, '--version'], goal: 0.15, work: () => 0 },
  { name: '--help', args: [bin, '--help'], goal: 0.15, work: () => 0 },
  {
    name: 'simulate cuba --duration 10',
    args: [bin, 'simulate', 'cuba', '--duration', '10', '--json'],
    goal: 0.3,
    // the run's own work, as it reports it
    work: (out: string) => {
      const r = JSON.parse(out) as { buildSeconds: number; simulationSeconds: number };
      return r.buildSeconds + r.simulationSeconds;
    },
  },
];

const bare: number[] = [];
const wall = cases.map(() => [] as number[]);
const work = cases.map(() => [] as number[]);
for (let round = 0; round < ROUNDS + 1; round++) {
  const b = timed(['-e', '0']).seconds;
  const runs = cases.map((c) => timed(c.args));
  if (round === 0) continue; // warm-up: file cache, V8 code cache
  bare.push(b);
  runs.forEach((r, k) => {
    wall[k]!.push(r.seconds);
    work[k]!.push(cases[k]!.work(r.out));
  });
}

const bareMedian = median(bare);
console.log(`start-up, medians of ${ROUNDS} (node ${process.version})`);
console.log(`  node -e 0                              ${bareMedian.toFixed(3)} s`);
let ok = true;
cases.forEach((c, k) => {
  const w = median(wall[k]!);
  const own = median(work[k]!);
  const over = w - bareMedian - own;
  const met = over <= c.goal;
  ok &&= met;
  console.log(
    `  spikelab ${c.name.padEnd(30)} ${w.toFixed(3)} s: ${over.toFixed(3)} s over bare Node${
      own > 0 ? ` and its own ${own.toFixed(3)} s of work` : ''
    } (goal ≤ ${c.goal} s: ${met ? 'met' : 'NOT met'}; ${(w / bareMedian).toFixed(2)}× bare Node)`,
  );
});
console.log(ok ? 'all start-up goals met' : 'a start-up goal is not met');
