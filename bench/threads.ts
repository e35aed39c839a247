/**
 * The engine on 1 and 2 threads, against Brian2 cpp_standalone with OpenMP
 * on 2 threads, in one run: CUBA 40,000 at dt 0.1 ms, Brunel at scale 1 and
 * the Potjans & Diesmann microcircuit (full scale by default). Every figure
 * is the wall time of the simulation loop (CPU time sums over threads):
 * spikelab's around `run`, Brian2's from the steady clock its binary reads
 * around its network run (bench/brian2/standalone.py). Each spikelab
 * configuration first runs untimed (JIT tiers), except the microcircuit,
 * whose build alone takes a minute; then the repetitions alternate 1 thread,
 * 2 threads and Brian2's binary so all three share the machine's load, and
 * the verdicts take the median of the side-by-side ratios.
 *
 *   npm run bench:threads                          (about 15 minutes, most of it the microcircuit)
 *   npm run bench:threads -- --only cuba-40k,brunel --reps 5
 *   npm run bench:threads -- --scale 0.25          (the microcircuit at a quarter of its size)
 *   npm run bench:threads -- --no-brian2
 *
 * Targets (2 threads): CUBA 40,000 ≤ 0.3× Brian2, the microcircuit ≤ 0.5×
 * Brian2 and ≤ 12 B/synapse. The full microcircuit needs about 8 GB here
 * and Brian2's about as much again: run it with nothing else heavy beside it.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { IsiStats } from '../sim/engine/isi-stats.ts';
import { PopulationSpikes } from '../sim/engine/population-spikes.ts';
import { Simulator } from '../sim/engine/simulator.ts';
import { brunel } from '../sim/models/brunel.ts';
import { cuba } from '../sim/models/cuba.ts';
import { FULL_MEAN_RATES, microcircuit } from '../sim/models/microcircuit.ts';
import { buildNetwork } from '../sim/network/build.ts';
import type { NetworkSpec } from '../sim/network/spec.ts';
import { parallelSimulator } from '../src/harness/node/engine-threads.ts';
import { brian2Available, buildBrian2, runBrian2Binary } from './brian2-binary.ts';

const { values } = parseArgs({
  options: {
    reps: { type: 'string', default: '3' },
    only: { type: 'string' },
    scale: { type: 'string', default: '1' },
    'no-brian2': { type: 'boolean', default: false },
  },
});
const reps = Number(values.reps);
const scale = Number(values.scale);
const WARMUP_MS = 500;

interface Case {
  id: string;
  name: string;
  spec: () => NetworkSpec;
  durationMs: number;
  brian2: string[];
  /** Target of spikelab on 2 threads ÷ Brian2 on 2 threads (null: none). */
  target: number | null;
  warmUp: boolean;
}

const cases: Case[] = [
  {
    id: 'cuba-40k',
    name: 'CUBA 40,000, dt 0.1 ms',
    spec: () => cuba({ n: 40_000 }),
    durationMs: 1000,
    brian2: ['cuba.py', '--n', '40000'],
    target: 0.3,
    warmUp: true,
  },
  {
    id: 'brunel',
    name: 'Brunel scale 1, dt 0.1 ms',
    spec: () => brunel({ scale: 1 }),
    durationMs: 1000,
    brian2: ['brunel.py', '--scale', '1'],
    target: null,
    warmUp: true,
  },
  {
    id: 'microcircuit',
    name: `microcircuit, scale ${scale}`,
    spec: () => microcircuit({ scale, seed: 55 }),
    durationMs: WARMUP_MS + 1000,
    brian2: ['microcircuit.py', '--scale', String(scale), '--duration', String(WARMUP_MS + 1000)],
    target: 0.5,
    warmUp: false,
  },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const gb = () => process.resourceUsage().maxRSS / 1e6;

interface Run {
  build: number;
  sim: number;
  spikes: number;
  events: number;
  synapses: number;
  bytesPerSynapse: number;
  rates: number[];
}

function runOnce(c: Case, threads: number): Run {
  const spec = c.spec();
  const t0 = performance.now();
  const net = buildNetwork(spec, { memoryBudgetBytes: 20e9 });
  const warm = c.id === 'microcircuit' ? WARMUP_MS : 0;
  const r = new PopulationSpikes(
    spec.populations.map((p) => p.size),
    Math.round(warm / spec.dt),
  );
  const stats = new IsiStats(net);
  const listeners = [stats, r];
  const synapses = net.synapses;
  const bytesPerSynapse = net.connectivityBytes / synapses;
  const sim =
    threads === 1
      ? new Simulator(net, { listeners, moveConnectivity: true, memoryBudgetBytes: 20e9 })
      : parallelSimulator(net, {
          threads,
          listeners,
          memoryBudgetBytes: 20e9,
          releaseConnectivity: true,
        });
  const t1 = performance.now();
  const res = sim.run(Math.round(c.durationMs / spec.dt));
  const t2 = performance.now();
  (sim as { close?: () => void }).close?.();
  return {
    build: (t1 - t0) / 1000,
    sim: (t2 - t1) / 1000,
    spikes: res.counts.spikes,
    events: res.counts.synapticEvents,
    synapses,
    bytesPerSynapse,
    rates: r.rates((c.durationMs - warm) / 1000),
  };
}

interface Brian2Result {
  simulationWallSeconds: number;
  simulationSeconds: number;
  compileAndBuildSeconds: number;
  meanRateHz?: number;
  populationRatesHz?: number[];
  buildDirectory: string;
}

/** Builds the case in Brian2 (2 OpenMP threads); its one run gives the statistics. */
const buildCase = (c: Case): Brian2Result | string => {
  const [script, ...rest] = c.brian2;
  return buildBrian2<Brian2Result>(script!, [...rest, '--threads', '2'], 90);
};

const withBrian2 = !values['no-brian2'] && brian2Available();
console.log(
  `spikelab bench:threads — ${availableParallelism()} cores, ${reps} repetitions (microcircuit: 1), wall times of the simulation loop, medians; load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}${withBrian2 ? '' : '; Brian2 not run'}`,
);

const verdicts: string[] = [];
const table: string[][] = [
  [
    'network',
    'synapses',
    'B/syn',
    '1 thread s',
    '2 threads s',
    'speed-up',
    'Brian2 2 thr s',
    '÷ Brian2',
  ],
];
for (const c of cases) {
  if (values.only && !values.only.split(',').includes(c.id)) continue;
  const n = c.id === 'microcircuit' ? 1 : reps;
  if (c.warmUp) for (const t of [1, 2]) runOnce(c, t);
  const b = withBrian2 ? buildCase(c) : null;
  const built = b !== null && typeof b === 'object' ? b : null;
  const ones: Run[] = [];
  const twos: Run[] = [];
  // Brian2's loop times, one per repetition beside spikelab's; the microcircuit's
  // (one repetition, minutes each) is the build's own run.
  const brians: number[] = [];
  for (let r = 0; r < n; r++) {
    ones.push(runOnce(c, 1));
    twos.push(runOnce(c, 2));
    if (built)
      brians.push(
        n === 1 ? built.simulationWallSeconds : runBrian2Binary(built.buildDirectory).loopWall,
      );
  }
  const one = median(ones.map((x) => x.sim));
  const two = median(twos.map((x) => x.sim));
  const first = ones[0]!;
  const brianLoop = built ? median(brians) : null;
  const ratio = built ? median(twos.map((x, r) => x.sim / brians[r]!)) : null;
  table.push([
    c.name,
    first.synapses.toLocaleString('en-US'),
    first.bytesPerSynapse.toFixed(2),
    `${one.toFixed(3)} (${ones.map((x) => x.sim.toFixed(3)).join(' ')})`,
    `${two.toFixed(3)} (${twos.map((x) => x.sim.toFixed(3)).join(' ')})`,
    `${(one / two).toFixed(2)}×`,
    brianLoop === null
      ? '–'
      : `${brianLoop.toFixed(3)} (${brians.map((x) => x.toFixed(3)).join(' ')})`,
    ratio === null ? '–' : `${ratio.toFixed(2)}×`,
  ]);
  if (typeof b === 'string') verdicts.push(`  ${c.name}: ${b}`);
  const same = ones.every((x) => x.spikes === twos[0]!.spikes && x.events === twos[0]!.events);
  verdicts.push(
    `  ${c.name}: ${first.spikes.toLocaleString('en-US')} spikes, ${first.events.toLocaleString('en-US')} synaptic events on 1 and 2 threads (${same ? 'identical' : 'DIFFERENT'}); build ${first.build.toFixed(1)} s`,
  );
  if (ratio !== null && c.target !== null)
    verdicts.push(
      `  ${c.name}: 2 threads ${ratio.toFixed(2)}× Brian2 on 2 threads, median of ${n} side-by-side ratios ${twos.map((x, r) => (x.sim / brians[r]!).toFixed(2)).join(' ')} (target ≤ ${c.target}×): ${ratio <= c.target ? 'met' : 'MISSED'}`,
    );
  if (c.id === 'microcircuit') {
    const seconds = c.durationMs / 1000;
    verdicts.push(
      `  ${c.name}: real-time factor ${(one / seconds).toFixed(2)} (1 thread), ${(two / seconds).toFixed(2)} (2 threads); ${first.bytesPerSynapse.toFixed(2)} B/synapse (target ≤ 12): ${first.bytesPerSynapse <= 12 ? 'met' : 'MISSED'}; peak RSS ${gb().toFixed(2)} GB`,
      `  rates after ${WARMUP_MS} ms (spikes/s): ${first.rates.map((x) => x.toFixed(3)).join(' ')}`,
      `  reference full_mean_rates:        ${FULL_MEAN_RATES.map((x) => x.toFixed(3)).join(' ')}`,
    );
    if (b && typeof b === 'object' && b.populationRatesHz)
      verdicts.push(
        `  Brian2 rates:                     ${b.populationRatesHz.map((x) => x.toFixed(3)).join(' ')}`,
      );
  }
  console.error(`done: ${c.name}`);
}
const widths = table[0]!.map((_, j) => Math.max(...table.map((r) => r[j]!.length)));
console.log('');
for (const r of table) console.log(r.map((x, j) => x.padEnd(widths[j]!)).join('  '));
console.log(`\n${verdicts.join('\n')}`);
console.log(
  `\nload average at the end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
