/**
 * Cost of the hardware layer on a CUBA-sized network (4,000 neurons, 3,200
 * exc / 800 inh, p = 0.02): mapping time per platform and placement, and the
 * time the spike counter adds per simulated second, against a baseline
 * measured in the same run: the engine's own delivery work for the same
 * spikes (walking each spiking neuron's CSR row and adding its weights).
 *
 * The spikes are surrogate: independent Bernoulli draws at CUBA's mean rate
 * (5.7 Hz, 1 ms ticks), not the engine's dynamics; the counts printed are for
 * the cost measurement, not a CUBA result.
 *
 *   npx tsx bench/hardware-counter.ts
 */

import {
  createCounter,
  hardwareReport,
  mapOnto,
  type NetworkShape,
  platform,
} from '../sim/hardware/index.ts';
import { Rng } from '../src/core/rng.ts';

function fixedProbability(
  rng: Rng,
  pre: number,
  post: number,
  n: number,
  m: number,
  p: number,
  w: number,
) {
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) if ((pre !== post || i !== j) && rng.uniform() < p) row.push(j);
    rows.push(row);
  }
  const rowStart = new Uint32Array(n + 1);
  rows.forEach((r, i) => {
    rowStart[i + 1] = rowStart[i]! + r.length;
  });
  const targets = Uint32Array.from(rows.flat());
  return {
    pre,
    post,
    rowStart,
    targets,
    weights: new Float32Array(targets.length).fill(w),
    delays: new Uint8Array(targets.length).fill(1),
    receptor: (w >= 0 ? 'excitatory' : 'inhibitory') as 'excitatory' | 'inhibitory',
  };
}

function cuba(seed: number): NetworkShape {
  const rng = new Rng(seed);
  return {
    populations: [
      { label: 'exc', size: 3200, offset: 0 },
      { label: 'inh', size: 800, offset: 3200 },
    ],
    projections: [
      fixedProbability(rng.derive('ee'), 0, 0, 3200, 3200, 0.02, 1.62),
      fixedProbability(rng.derive('ei'), 0, 1, 3200, 800, 0.02, 1.62),
      fixedProbability(rng.derive('ie'), 1, 0, 800, 3200, 0.02, -9),
      fixedProbability(rng.derive('ii'), 1, 1, 800, 800, 0.02, -9),
    ],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(f: () => void, rounds: number): number {
  const ts: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const net = cuba(1);
const N = 4000;
const TICKS = 1000;
const rng = new Rng(2);
const tickStart = new Uint32Array(TICKS + 1);
const ids: number[] = [];
for (let t = 0; t < TICKS; t++) {
  for (let v = 0; v < N; v++) if (rng.uniform() < 0.0057) ids.push(v);
  tickStart[t + 1] = ids.length;
}
const spikeIds = Uint32Array.from(ids);
const buf = new Uint32Array(N);

// Baseline: the delivery work of the engine for the same spikes.
const acc = new Float32Array(N);
let events = 0;
const baseline = time(() => {
  events = 0;
  for (let t = 0; t < TICKS; t++) {
    for (let k = tickStart[t]!; k < tickStart[t + 1]!; k++) {
      const v = spikeIds[k]!;
      for (const pr of net.projections) {
        const pre = net.populations[pr.pre]!;
        if (v < pre.offset || v >= pre.offset + pre.size) continue;
        const off = net.populations[pr.post]!.offset;
        const i = v - pre.offset;
        for (let s = pr.rowStart[i]!; s < pr.rowStart[i + 1]!; s++) {
          acc[off + pr.targets[s]!]! += pr.weights[s]!;
          events++;
        }
      }
    }
  }
}, 7);

console.log(
  `surrogate spikes: ${spikeIds.length} in ${TICKS} ticks; ${events} synaptic events; baseline delivery ${baseline.toFixed(1)} ms per simulated second (median of 7)`,
);
console.log(
  'platform     placement   map ms  count ms  ×delivery  cores chips  packets deliveries     hops  realTime overrun  energy J',
);
for (const name of ['spinnaker', 'spinnaker2', 'loihi', 'truenorth']) {
  for (const placement of ['sequential', 'clustered'] as const) {
    const p = platform(name);
    let mapped = mapOnto(net, p, { placement });
    const mapMs = time(() => {
      mapped = mapOnto(net, p, { placement });
    }, 3);
    let counter = createCounter(mapped);
    const countMs = time(() => {
      counter = createCounter(mapped);
      for (let t = 0; t < TICKS; t++) {
        const a = tickStart[t]!;
        const n = tickStart[t + 1]! - a;
        buf.set(spikeIds.subarray(a, a + n));
        counter.onSpikes(t, buf, n);
      }
      counter.finish(TICKS);
    }, 7);
    const r = hardwareReport(mapped, counter);
    console.log(
      [
        name.padEnd(12),
        placement.padEnd(10),
        mapMs.toFixed(0).padStart(7),
        countMs.toFixed(1).padStart(9),
        (countMs / baseline).toFixed(2).padStart(10),
        String(r.cores).padStart(6),
        String(r.chips).padStart(5),
        String(r.packets).padStart(8),
        String(r.deliveries).padStart(10),
        String(r.hops).padStart(8),
        String(r.realTime).padStart(9),
        (r.overrun === null ? 'null' : r.overrun.toFixed(3)).padStart(7),
        `${r.energy.joules.toPrecision(4)}${r.energy.complete ? '' : '+'}`.padStart(10),
      ].join(' '),
    );
  }
}
