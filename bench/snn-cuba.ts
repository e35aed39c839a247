/**
 * Speed and memory of the spiking engine on the reference networks, against
 * Brian2 measured in the same run: CUBA 4,000 at dt 0.1 and 1 ms, CUBA 40,000
 * (same fan-in), Brunel scale 1, each simulated for 1 s by spikelab's
 * TypeScript kernels (js), its WebAssembly SIMD kernels (wasm; the default)
 * and, when `/usr/bin/python3 -c 'import brian2'` works, Brian2
 * cpp_standalone running the same definitions (bench/brian2/*.py: one build
 * per network, the binary run --reps times).
 *
 * The ratios compare simulation loops by CPU time, the steadier figure on a
 * shared machine: spikelab's from process.cpuUsage around the run, Brian2's
 * from the std::clock its binary reads around its loop. Wall times are
 * printed beside them. Each spikelab backend first runs the network untimed
 * (twice; Brunel once), so the JIT's tiering is not timed (Brian2's compilation is not
 * in its loop time either); time to result is that of a timed run. Brian2
 * builds once; then each repetition runs spikelab js, spikelab wasm and
 * Brian2's binary back to back, so the three share the machine's load, and
 * the target verdicts take the median of the per-repetition ratios. Time to result is what a user waits for: build and
 * run for spikelab; Python set-up, code generation and compilation, and one
 * run of the binary for Brian2.
 *
 *   npm run bench:snn                      # the table (about 3 minutes, most of it compiling Brian2)
 *   npm run bench:snn -- --reps 5          # repetitions (medians are printed)
 *   npm run bench:snn -- --no-brian2       # spikelab only
 *   npm run bench:snn -- --only cuba-1,brunel
 *   npm run bench:snn -- --big             # also 100,000 neurons × 1,000 synapses (10^8), 1 s, wasm only
 *                                          # (about 1.4 GB at peak while the connectivity moves into the WebAssembly memory)
 */
import { loadavg } from 'node:os';
import { IsiStats } from '../sim/engine/isi-stats.ts';
import { Simulator } from '../sim/engine/simulator.ts';
import { brunel } from '../sim/models/brunel.ts';
import { cuba } from '../sim/models/cuba.ts';
import { buildNetwork } from '../sim/network/build.ts';
import type { NetworkSpec } from '../sim/network/spec.ts';
import { brian2Available, buildBrian2, runBrian2Binary } from './brian2-binary.ts';

interface Case {
  id: string;
  name: string;
  spec: () => NetworkSpec;
  /** Brian2 script and its arguments (null: not run with Brian2). */
  brian2: [string, ...string[]] | null;
  /** Target for the simulation loop, spikelab wasm / Brian2 (null: none). */
  target: number | null;
  backends: ('js' | 'wasm')[];
}

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const reps = Number(flag('--reps')) || 3;
const only = flag('--only')?.split(',');

const cases: Case[] = [
  {
    id: 'cuba-0.1',
    name: 'CUBA 4,000, dt 0.1 ms',
    spec: () => cuba({ dt: 0.1 }),
    brian2: ['cuba.py', '--dt', '0.1'],
    target: 0.5,
    backends: ['js', 'wasm'],
  },
  {
    id: 'cuba-1',
    name: 'CUBA 4,000, dt 1 ms',
    spec: () => cuba({ dt: 1 }),
    brian2: ['cuba.py', '--dt', '1'],
    target: 1.0,
    backends: ['js', 'wasm'],
  },
  {
    id: 'cuba-40k',
    name: 'CUBA 40,000, dt 0.1 ms',
    spec: () => cuba({ n: 40_000 }),
    brian2: ['cuba.py', '--n', '40000'],
    target: 0.5,
    backends: ['js', 'wasm'],
  },
  {
    id: 'brunel',
    name: 'Brunel scale 1, dt 0.1 ms',
    spec: () => brunel({ scale: 1 }),
    brian2: ['brunel.py', '--scale', '1'],
    target: 0.5,
    backends: ['js', 'wasm'],
  },
];
if (args.includes('--big')) {
  cases.push({
    id: 'big',
    name: 'Brunel 100,000 × 1,000 syn (10^8)',
    spec: () => brunel({ scale: 8, fanInScale: 0.8 }),
    brian2: null,
    target: null,
    backends: ['wasm'],
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s3 = (x: number) => x.toFixed(x < 0.1 ? 4 : 3);

interface Measured {
  build: number;
  sims: number[];
  cpu: number;
  /** CPU seconds of each rep (index r ran beside Brian2's run r). */
  cpus: number[];
  toResult: number;
  events: number;
  synapses: number;
  bytes: number;
  rate: number;
  cv: number;
  rssGB: number;
}

function runOnce(c: Case, backend: 'js' | 'wasm') {
  const t0 = performance.now();
  const net = buildNetwork(c.spec());
  const stats = new IsiStats(net);
  const sim = new Simulator(net, { listeners: [stats], backend, moveConnectivity: true });
  const t1 = performance.now();
  const c1 = process.cpuUsage();
  const res = sim.runFor(1000);
  const cpu = process.cpuUsage(c1);
  const t2 = performance.now();
  const all = stats.neurons();
  return {
    build: (t1 - t0) / 1000,
    sim: (t2 - t1) / 1000,
    cpu: (cpu.user + cpu.system) / 1e6,
    events: res.counts.synapticEvents,
    synapses: net.synapses,
    bytes: net.connectivityBytes,
    rate: all.meanRateHz,
    cv: all.cvIsi,
    rssGB: process.memoryUsage().rss / 2 ** 30,
  };
}

interface Brian2Result {
  synapses: number;
  meanRateHz: number;
  cvIsi: number | null;
  setupSeconds: number;
  compileAndBuildSeconds: number;
  binarySeconds: number[];
  simulationSeconds: number;
  simulationSecondsAll: number[];
  timeToResultSeconds: number;
  buildDirectory: string;
}

/** Defines, builds and runs the network once in Brian2 (its statistics come from this run). */
const buildCase = (c: Case): Brian2Result | string => {
  const [script, ...rest] = c.brian2!;
  return buildBrian2<Brian2Result>(script!, rest);
};

/**
 * Both backends and Brian2's binary, interleaved rep by rep so all share the
 * machine's load, after untimed warm-up runs of each backend (JIT tiers).
 */
function measure(c: Case, brian: Brian2Result | null): Map<string, Measured> {
  const runs = new Map<string, ReturnType<typeof runOnce>[]>();
  const n = c.id === 'big' ? 1 : reps;
  // warm-up: the optimising tiers of V8 (JavaScript and WebAssembly) compile in the background
  const warmUps = c.id === 'big' ? 0 : c.id === 'brunel' ? 1 : 2;
  for (let w = 0; w < warmUps; w++) for (const b of c.backends) runOnce(c, b);
  if (brian) {
    brian.simulationSecondsAll = [];
    brian.binarySeconds = [];
  }
  for (let r = 0; r < n; r++) {
    for (const b of c.backends) {
      const list = runs.get(b) ?? [];
      list.push(runOnce(c, b));
      runs.set(b, list);
    }
    if (brian) {
      const run = runBrian2Binary(brian.buildDirectory);
      brian.simulationSecondsAll.push(run.loop);
      brian.binarySeconds.push(run.binary);
    }
  }
  if (brian) {
    brian.simulationSeconds = median(brian.simulationSecondsAll);
    brian.timeToResultSeconds =
      brian.setupSeconds + brian.compileAndBuildSeconds + median(brian.binarySeconds);
  }
  const out = new Map<string, Measured>();
  for (const [b, list] of runs) {
    const last = list[list.length - 1]!;
    out.set(b, {
      build: median(list.map((x) => x.build)),
      sims: list.map((x) => x.sim),
      cpu: median(list.map((x) => x.cpu)),
      cpus: list.map((x) => x.cpu),
      toResult: median(list.map((x) => x.build + x.sim)),
      events: last.events,
      synapses: last.synapses,
      bytes: last.bytes,
      rate: last.rate,
      cv: last.cv,
      rssGB: Math.max(...list.map((x) => x.rssGB)),
    });
  }
  return out;
}

const withBrian2 = !args.includes('--no-brian2') && brian2Available();
const load0 = loadavg();
console.log(
  `spikelab bench:snn — ${reps} repetitions, medians; load average ${load0.map((x) => x.toFixed(2)).join(' ')}` +
    (withBrian2 ? '' : '; Brian2 not run (--no-brian2, or /usr/bin/python3 cannot import brian2)'),
);

const rows: string[][] = [
  [
    'network',
    'engine',
    'rate Hz',
    'CV',
    'build s',
    'sim wall s (runs)',
    'sim CPU s',
    'events/CPU s',
    'to result s',
    '÷ Brian2',
  ],
];
const verdicts: string[] = [];
const notes: string[] = [];
for (const c of cases) {
  if (only && !only.includes(c.id)) continue;
  const b2 = withBrian2 && c.brian2 ? buildCase(c) : null;
  const brian = typeof b2 === 'object' ? b2 : null;
  const m = measure(c, brian);
  if (typeof b2 === 'string') notes.push(`${c.name}: ${b2}`);
  const first = m.values().next().value!;
  const label = `${c.name} (${first.synapses.toLocaleString('en-US')} syn, ${(first.bytes / first.synapses).toFixed(2)} B/syn)`;
  let head = true;
  for (const [b, x] of m) {
    rows.push([
      head ? label : '',
      `spikelab ${b}`,
      x.rate.toFixed(2),
      x.cv.toFixed(3),
      s3(x.build),
      `${s3(median(x.sims))} (${x.sims.map(s3).join(' ')})`,
      s3(x.cpu),
      `${(x.events / x.cpu / 1e6).toFixed(0)} M`,
      s3(x.toResult),
      brian ? `${(x.cpu / brian.simulationSeconds).toFixed(2)}×` : '–',
    ]);
    head = false;
    if (c.id === 'big') {
      notes.push(
        `${c.name}: built in ${x.build.toFixed(1)} s, ran 1 s in ${median(x.sims).toFixed(1)} s (wasm); peak RSS ${x.rssGB.toFixed(2)} GiB`,
      );
    }
  }
  if (brian) {
    notes.push(
      `${c.name}: Brian2 set-up ${brian.setupSeconds.toFixed(1)} s, code generation and compilation ${brian.compileAndBuildSeconds.toFixed(1)} s, binary runs ${brian.binarySeconds.map((x) => x.toFixed(3)).join(' ')} s`,
    );
    rows.push([
      '',
      'Brian2 cpp_standalone',
      brian.meanRateHz.toFixed(2),
      brian.cvIsi?.toFixed(3) ?? '–',
      `${s3(brian.setupSeconds + brian.compileAndBuildSeconds)}*`,
      `(binary ${brian.binarySeconds.map(s3).join(' ')})`,
      `${s3(brian.simulationSeconds)} (${brian.simulationSecondsAll.map(s3).join(' ')})`,
      '',
      s3(brian.timeToResultSeconds),
      '1',
    ]);
  }
  const js = m.get('js');
  const wasm = m.get('wasm');
  if (js && wasm) {
    notes.push(
      `${c.name}: js / wasm = ${(js.cpu / wasm.cpu).toFixed(1)}× (simulation CPU), ${(js.toResult / wasm.toResult).toFixed(1)}× (to result)`,
    );
  }
  if (brian && wasm && c.target !== null) {
    // the median over reps of wasm / Brian2 measured side by side
    const ratio = median(wasm.cpus.map((x, r) => x / brian.simulationSecondsAll[r]!));
    verdicts.push(
      `  ${c.name.padEnd(28)} wasm ${ratio.toFixed(2)}× Brian2 (median of ${wasm.cpus.length} side-by-side ratios ${wasm.cpus.map((x, r) => (x / brian.simulationSecondsAll[r]!).toFixed(2)).join(' ')}; target ≤ ${c.target.toFixed(1)}×): ${ratio <= c.target ? 'met' : 'MISSED'}; ` +
        `to result ${wasm.toResult.toFixed(2)} s vs ${brian.timeToResultSeconds.toFixed(1)} s`,
    );
  }
  if (wasm) {
    const bps = wasm.bytes / wasm.synapses;
    verdicts.push(
      `  ${c.name.padEnd(28)} connectivity ${bps.toFixed(2)} B/synapse (target ≤ 10): ${bps <= 10 ? 'met' : 'MISSED'}`,
    );
  }
  console.error(`done: ${c.name}`);
}

const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
console.log('');
for (const r of rows) console.log(r.map((x, j) => x.padEnd(widths[j]!)).join('  '));
console.log(
  `\n÷ Brian2: spikelab simulation CPU time / Brian2's simulation loop (its binary's std::clock), both of 1 s simulated.` +
    `\n* Brian2 build = Python set-up + code generation + C++ compilation, once per network; each run of the` +
    `\n  binary (wall, in brackets) also creates the synapses. spikelab build = network construction + simulator.`,
);
if (notes.length) console.log(`\n${notes.join('\n')}`);
if (verdicts.length) console.log(`\ntargets:\n${verdicts.join('\n')}`);
console.log(
  `\nload average at the end ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
