/**
 * Speed and memory of the spiking engine on the reference networks:
 * CUBA 4,000 at dt 0.1 and 1 ms, CUBA 40,000 (same fan-in), Brunel scale 1;
 * build and simulation wall times (medians of 3), synaptic events per second,
 * bytes of connectivity per synapse. Brian2's figures are printed beside them
 * as published in GUIDE §4.1–4.2 for this machine class (not measured here).
 * The CPU-time column (process.cpuUsage) is the steadier figure on a shared
 * machine: wall time also counts the time other processes held the core.
 *
 *   npm run bench:snn            # the table
 *   npm run bench:snn -- --big   # also 100,000 neurons × 1,000 synapses (10^8), 1 s (needs ~1.5 GB)
 *   npm run bench:snn -- --reps 5
 */
import { IsiStats } from '../sim/engine/isi-stats.ts';
import { Simulator } from '../sim/engine/simulator.ts';
import { brunel } from '../sim/models/brunel.ts';
import { cuba } from '../sim/models/cuba.ts';
import { buildNetwork } from '../sim/network/build.ts';
import type { NetworkSpec } from '../sim/network/spec.ts';

interface Case {
  name: string;
  spec: () => NetworkSpec;
  /** Brian2 2.5.1 cpp_standalone, simulation loop of 1 s, GUIDE §4.1–4.2 (published, not measured here). */
  brian2Seconds: number | null;
}

const args = process.argv.slice(2);
const reps = Number(args[args.indexOf('--reps') + 1]) || 3;
const big = args.includes('--big');

const cases: Case[] = [
  { name: 'CUBA 4,000, dt 0.1 ms', spec: () => cuba({ dt: 0.1 }), brian2Seconds: 0.053 },
  { name: 'CUBA 4,000, dt 1 ms', spec: () => cuba({ dt: 1 }), brian2Seconds: 0.0078 },
  { name: 'CUBA 40,000, dt 0.1 ms', spec: () => cuba({ n: 40_000 }), brian2Seconds: 0.63 },
  { name: 'Brunel scale 1, dt 0.1 ms', spec: () => brunel({ scale: 1 }), brian2Seconds: 9.16 },
];
if (big) {
  cases.push({
    name: 'Brunel 100,000 × 1,000 syn (10^8)',
    spec: () => brunel({ scale: 8, fanInScale: 0.8 }),
    brian2Seconds: null,
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function measure(c: Case) {
  const builds: number[] = [];
  const sims: number[] = [];
  const cpus: number[] = [];
  let events = 0;
  let synapses = 0;
  let bytes = 0;
  let rate = 0;
  for (let r = 0; r < (c.name.includes('10^8') ? 1 : reps); r++) {
    const t0 = performance.now();
    const net = buildNetwork(c.spec());
    const stats = new IsiStats(net);
    const sim = new Simulator(net, { listeners: [stats] });
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const res = sim.runFor(1000);
    const c2 = process.cpuUsage(c1);
    const t2 = performance.now();
    cpus.push((c2.user + c2.system) / 1e6);
    builds.push((t1 - t0) / 1000);
    sims.push((t2 - t1) / 1000);
    events = res.counts.synapticEvents;
    synapses = net.synapses;
    bytes = net.connectivityBytes;
    rate = stats.neurons().meanRateHz;
  }
  return {
    build: median(builds),
    sim: median(sims),
    sims,
    cpu: median(cpus),
    events,
    synapses,
    bytes,
    rate,
  };
}

const rows: string[][] = [
  [
    'network',
    'synapses',
    'B/syn',
    'rate Hz',
    'build s',
    'sim wall s (runs)',
    'sim CPU s',
    'events/s',
    'Brian2 s*',
    'CPU/Brian2',
  ],
];
for (const c of cases) {
  const m = measure(c);
  rows.push([
    c.name,
    m.synapses.toLocaleString('en-US'),
    (m.bytes / m.synapses).toFixed(2),
    m.rate.toFixed(2),
    m.build.toFixed(3),
    `${m.sim.toFixed(3)} (${m.sims.map((s) => s.toFixed(3)).join(' ')})`,
    m.cpu.toFixed(3),
    `${(m.events / m.cpu / 1e6).toFixed(0)} M`,
    c.brian2Seconds === null ? '–' : String(c.brian2Seconds),
    c.brian2Seconds === null ? '–' : `${(m.cpu / c.brian2Seconds).toFixed(2)}×`,
  ]);
  console.error(`done: ${c.name}`);
}
const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
for (const r of rows) console.log(r.map((x, j) => x.padEnd(widths[j]!)).join('  '));
console.log(
  '\n* Brian2 2.5.1 cpp_standalone, one thread, float64, simulation loop of 1 s, median of 3:\n' +
    '  published figures for this machine class (GUIDE §4.1–4.2), not measured in this run.\n' +
    '  CPU/Brian2 = spikelab simulation CPU time / Brian2 simulation time (targets: CUBA ≤ 0.5× at\n' +
    '  dt 0.1 ms, ≤ 1.0× at dt 1 ms, Brunel ≤ 0.5×); events/s per CPU second. Brian2 also spends\n' +
    '  ≈ 4.5 s compiling; spikelab builds in the times above.',
);
