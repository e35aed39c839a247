/**
 * End-to-end time of `spikelab compare --dataset mnist --timesteps 100`
 * (load, train, convert, map, 2,000 test samples × 100 ticks through each
 * network, the TrueNorth deployment on the same samples, price, report),
 * run as its own process under GNU time, with the split by stage read from
 * the report's wallClock block (wall and CPU seconds).
 * Target: at most 50 s on the project's 2-core machine. Load average is
 * printed, since a shared machine's wall time includes other processes'.
 *
 * Baselines in the same run (--baseline n): the simulation stage on the
 * same trained network and n samples with the engine's TypeScript backend
 * (CSR walk) and its WebAssembly backend, against the default row kernel
 * (sim/engine/deliver-dense.ts), as CPU time per synaptic event and ratios.
 *
 *   npm run bench:compare                         # one end-to-end run
 *   npm run bench:compare -- --rounds 3           # medians of three
 *   npm run bench:compare -- --baseline 500       # + the engine's backends on 500 samples
 *   npm run bench:compare -- --dataset digits     # another data set
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDataset } from '../src/data/node/load.ts';
import { compare } from '../src/harness/compare.ts';
import { parseReport } from '../src/harness/report/read.ts';
import type { CompareReport } from '../src/harness/report/schema.ts';
import { settingsFor, trainOnDataset } from '../src/harness/train-rate.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const dataset = flag('--dataset', 'mnist');
const timesteps = flag('--timesteps', '100');
const rounds = Number(flag('--rounds', '1'));
const baselineSamples = Number(flag('--baseline', '0'));
const root = resolve(import.meta.dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Round {
  wall: number;
  cpu: number;
  report: CompareReport;
}

function endToEnd(): Round {
  const out = mkdtempSync(join(tmpdir(), 'spikelab-bench-'));
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      'time %e %U %S',
      process.execPath,
      join(root, 'bin/spikelab.js'),
      'compare',
      '--dataset',
      dataset,
      '--timesteps',
      timesteps,
      '--out',
      out,
      '--json',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 },
  );
  if (r.status !== 0) throw new Error(`spikelab compare failed (${r.status}): ${r.stderr}`);
  const m = /time ([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  if (!m) throw new Error(`no timing from /usr/bin/time in: ${r.stderr}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]), report: parseReport(r.stdout) };
}

console.log(`spikelab compare --dataset ${dataset} --timesteps ${timesteps}: ${rounds} round(s)`);
console.log(`load average before: ${load()} (2 cores)`);
const results: Round[] = [];
for (let k = 0; k < rounds; k++) {
  const r = endToEnd();
  results.push(r);
  console.log(
    `  round ${k + 1}: wall ${r.wall.toFixed(1)} s, CPU ${r.cpu.toFixed(1)} s (load ${load()})`,
  );
}
const last = results[results.length - 1]!.report;
const stage = (name: string, pick: (t: CompareReport['wallClock']['stages'][number]) => number) =>
  median(
    results.map((r) => {
      const t = r.report.wallClock.stages.find((x) => x.stage === name);
      return t ? pick(t) : 0;
    }),
  );
const rows: [string, number, number][] = last.wallClock.stages.map((t) => [
  t.stage,
  stage(t.stage, (x) => x.wallSeconds),
  stage(t.stage, (x) => x.cpuSeconds ?? 0),
]);
rows.push([
  'in-process total',
  median(results.map((r) => r.report.wallClock.totalSeconds)),
  median(results.map((r) => r.report.wallClock.cpuTotalSeconds ?? 0)),
]);
const wall = median(results.map((r) => r.wall));
const cpu = median(results.map((r) => r.cpu));
console.log('\n| stage | wall (s) | CPU (s) |\n| --- | ---: | ---: |');
for (const [name, a, b] of rows) console.log(`| ${name} | ${a.toFixed(2)} | ${b.toFixed(2)} |`);
console.log(
  `| process (start-up and data loading included) | ${wall.toFixed(2)} | ${cpu.toFixed(2)} |`,
);
const samples = last.settings.testSamples;
const sim = last.networks.find((n) => n.id === 'snn')?.spiking ?? null;
const snnClock = median(
  results.map((r) => r.report.wallClock.networks['snn']?.secondsPerSample ?? 0),
);
console.log(
  `\n${samples} samples × ${timesteps} ticks; ${sim ? `${(sim.counts.synapticEventsPerInference * samples).toExponential(3)} synaptic events, ${(snnClock * 1e3).toFixed(2)} ms per sample (${last.wallClock.networks['snn']?.backend})` : 'no spiking side'}`,
);
// The target is the time a user waits; CPU time adds both cores' work (the
// TrueNorth deployment's samples run on two threads) and is shown beside it.
console.log(
  `target: whole run ≤ 50 s of wall time on 2 cores — ${wall <= 50 ? 'met' : 'missed'} (${wall.toFixed(1)} s; CPU time over both cores ${cpu.toFixed(1)} s)`,
);

if (baselineSamples > 0) {
  // one trained network, the same samples, each backend
  const d = loadDataset(dataset);
  const train = trainOnDataset(d, settingsFor(dataset), 0);
  const opts = {
    timesteps: Number(timesteps),
    samples: baselineSamples,
    platforms: ['cpu'] as const,
  };
  const time = (backend: 'auto' | 'wasm' | 'js') => {
    const r = compare(
      d,
      { ...opts, platforms: [...opts.platforms], backend },
      {},
      { train },
    ).report;
    const sim = r.wallClock.stages.find((x) => x.stage === 'simulate')!;
    const snn = r.networks.find((n) => n.id === 'snn');
    const events = snn
      ? snn.spiking!.counts.synapticEventsPerInference * r.settings.testSamples
      : Number.NaN;
    return {
      wall: sim.wallSeconds,
      cpu: sim.cpuSeconds!,
      nsPerEvent: (sim.cpuSeconds! * 1e9) / events,
    };
  };
  const rows = time('auto');
  const wasm = time('wasm');
  const js = time('js');
  const line = (name: string, t: { wall: number; cpu: number; nsPerEvent: number }) =>
    `  ${name.padEnd(34)} ${t.cpu.toFixed(2)} s CPU (${t.wall.toFixed(2)} s wall), ${t.nsPerEvent.toFixed(2)} ns CPU per synaptic event, ×${(t.cpu / rows.cpu).toFixed(1)} the row kernel's CPU time`;
  console.log(`\nbaselines, simulation of ${baselineSamples} samples:`);
  console.log(line('row kernel (default)', rows));
  console.log(line('engine, WebAssembly backend', wasm));
  console.log(line('engine, TypeScript backend (CSR)', js));
}
console.log(`load average after: ${load()}`);
