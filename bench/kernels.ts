/**
 * The inner loops whose fast paths the source comments describe, each timed
 * against its baseline in the same run, the two interleaved round by round so
 * a shared machine's load touches both alike:
 *
 *   - IF_curr_exp's update skipping the offset current's load (CUBA has
 *     none) against the same kernel reading it;
 *   - spike delivery of a projection whose synapses share one delay and one
 *     weight (Brunel's excitatory one) against the loops that load a weight,
 *     or a delay and a weight, per synapse;
 *   - Adam's step on the WebAssembly SIMD kernel against the scalar loop, on
 *     the parameters of a 784-512-10 MLP, copies included;
 *   - the TypeScript matrix product's four-row i-k-j kernel against the three
 *     plain loops of the reference (the naive order).
 *
 * Medians over rounds of about 200 ms each.
 *
 *   npm run bench:kernels                 (ROUNDS=7 by default; ROUNDS=n to change)
 */

import { deliver } from '../sim/engine/deliver.ts';
import { Simulator } from '../sim/engine/simulator.ts';
import { brunel } from '../sim/models/brunel.ts';
import { cuba } from '../sim/models/cuba.ts';
import { buildNetwork } from '../sim/network/build.ts';
import type { NeuronPopulation, Projection } from '../sim/network/network.ts';
import { ifCurrExp } from '../sim/neurons/index.ts';
import { AdamSimd, simdAdamAvailable } from '../src/ann/kernels/adam-wasm.ts';
import { matmulNN } from '../src/ann/kernels/matmul.ts';
import { adamUpdate } from '../src/ann/kernels/optim.ts';
import { gemmReference } from '../src/ann/kernels/reference.ts';
import { Rng } from '../src/core/rng.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 7);
const ROUND_MS = 200;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
};

/** Milliseconds per call of each function: medians over ROUNDS rounds, the functions taking turns. */
function perCall(fns: (() => void)[]): number[] {
  for (const f of fns) for (let i = 0; i < 3; i++) f(); // warm-up: the optimising tiers
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < ROUNDS; r++) {
    fns.forEach((f, i) => {
      const t0 = performance.now();
      let calls = 0;
      while (performance.now() - t0 < ROUND_MS) {
        f();
        calls++;
      }
      times[i]!.push((performance.now() - t0) / calls);
    });
  }
  return times.map(median);
}

/** One line per measurement: its value and its ratio to the baseline (the first row). */
function table(title: string, unit: string, rows: [string, number][], higherIsBetter = false) {
  console.log(`\n${title}`);
  const base = rows[0]![1];
  for (const [name, value] of rows) {
    const ratio = higherIsBetter ? value / base : base / value;
    console.log(
      `  ${name.padEnd(46)} ${value.toPrecision(3).padStart(8)} ${unit}   ×${ratio.toFixed(2)} the baseline's speed`,
    );
  }
}

console.log(`median of ${ROUNDS} rounds of ${ROUND_MS} ms per measurement`);

// IF_curr_exp: the offset current's load skipped or not (iOffset all zero: the same dynamics).
{
  const net = buildNetwork(cuba({ seed: 1 }));
  const sim = new Simulator(net, { backend: 'js' });
  const state = sim.populationState('exc');
  const consts = (net.populations[0] as NeuronPopulation).consts;
  const n = state.n;
  const inE = new Float32Array(n);
  const inI = new Float32Array(n);
  const spikes = new Uint32Array(n);
  const step = (withOffset: boolean) => () => {
    state.hasOffset = withOffset;
    ifCurrExp.update(state, consts, inE, inI, spikes, 0, 0);
  };
  const [read, skipped] = perCall([step(true), step(false)]);
  table(`IF_curr_exp update of ${n} CUBA neurons (ns per neuron update)`, 'ns', [
    ['offset current read (baseline)', (read! * 1e6) / n],
    ['offset current skipped (CUBA has none)', (skipped! * 1e6) / n],
  ]);
}

// Delivery: Brunel's excitatory projection through each of deliver's loops.
{
  const net = buildNetwork(brunel({ seed: 1 }));
  const proj = net.projections[0]!;
  const pre = net.populations[proj.pre]!;
  const postN = net.populations[proj.post]!.size;
  const slots = 32; // > the 15-tick delay
  const buffer = new Float32Array(slots * postN);
  const rng = new Rng(2);
  const spikes = Uint32Array.from({ length: 200 }, () => pre.offset + rng.int(pre.size));
  let tick = 0;
  const run = (p: Projection) => () => {
    deliver(p, spikes, 0, spikes.length, pre.offset, tick++, buffer, slots - 1, postN);
    if (tick % slots === 0) buffer.fill(0);
  };
  let events = 0;
  for (const s of spikes)
    events += proj.rowStart[s - pre.offset + 1]! - proj.rowStart[s - pre.offset]!;
  const perSynapse: Projection = { ...proj, uniformDelay: 0, uniformWeight: null };
  const oneDelay: Projection = { ...proj, uniformWeight: null };
  const [general, delayOnly, shared] = perCall([run(perSynapse), run(oneDelay), run(proj)]);
  table(
    `spike delivery, Brunel's ${proj.label} (${proj.targets.length.toLocaleString('en-US')} synapses; ns per synaptic event)`,
    'ns',
    [
      ['a delay and a weight per synapse (baseline)', (general! * 1e6) / events],
      ['one delay, a weight per synapse', (delayOnly! * 1e6) / events],
      ['one delay and one weight (as built)', (shared! * 1e6) / events],
    ],
  );
}

// Adam: the parameters of a 784-512-10 MLP (weights and biases of both layers).
{
  const sizes = [784 * 512, 512, 512 * 10, 10];
  const rng = new Rng(3);
  const grads = sizes.map((s) => Float32Array.from({ length: s }, () => rng.normal() * 1e-2));
  const fresh = () => sizes.map((s) => Float32Array.from({ length: s }, () => rng.normal() * 0.05));
  const [b1, b2, stepSize, invSqrtC2, eps, wd] = [0.9, 0.999, 1e-3, 1, 1e-8, 0];
  const w1 = fresh();
  const g1 = sizes.map((s) => new Float32Array(s));
  const m = sizes.map((s) => new Float32Array(s));
  const v = sizes.map((s) => new Float32Array(s));
  const scalar = () => {
    for (let k = 0; k < sizes.length; k++) {
      g1[k]!.set(grads[k]!); // the update clears the gradient: a fresh one per step
      adamUpdate(w1[k]!, g1[k]!, m[k]!, v[k]!, b1, b2, stepSize, invSqrtC2, eps, wd);
    }
  };
  const rows: [string, number][] = [];
  if (simdAdamAvailable()) {
    const simd = new AdamSimd(sizes);
    const w2 = fresh();
    const g2 = sizes.map((s) => new Float32Array(s));
    const vector = () => {
      for (let k = 0; k < sizes.length; k++) {
        g2[k]!.set(grads[k]!);
        simd.update(k, w2[k]!, g2[k]!, b1, b2, stepSize, invSqrtC2, eps, wd);
      }
    };
    const [a, b] = perCall([scalar, vector]);
    rows.push(['scalar loop (baseline)', a!], ['WebAssembly SIMD, copies included', b!]);
  } else {
    rows.push(['scalar loop (no WebAssembly SIMD here)', perCall([scalar])[0]!]);
  }
  const total = sizes.reduce((a, b) => a + b, 0);
  table(
    `Adam step, 784-512-10 MLP (${total.toLocaleString('en-US')} parameters; ms per step)`,
    'ms',
    rows,
  );
}

// Matrix product X·W of a dense layer's batch: 64×784 times 784×128.
{
  const [mm, k, nn] = [64, 784, 128];
  const rng = new Rng(4);
  const a = Float32Array.from({ length: mm * k }, () => rng.uniform() - 0.5);
  const b = Float32Array.from({ length: k * nn }, () => rng.uniform() - 0.5);
  const c = new Float32Array(mm * nn);
  const [naive, fourRows] = perCall([
    () => gemmReference(mm, nn, k, a, false, b, false, c, false),
    () => matmulNN(mm, nn, k, a, b, c, false),
  ]);
  const gflops = (ms: number) => (2 * mm * k * nn) / (ms * 1e6);
  table(
    `TypeScript matrix product X·W, ${mm}×${k}×${nn} (GFLOP/s)`,
    'GFLOP/s',
    [
      ['three plain loops, i-j-k (baseline)', gflops(naive!)],
      ['four rows at a time, i-k-j (matmul.ts)', gflops(fourRows!)],
    ],
    true,
  );
}
