/**
 * An independent check of COBA (not a test file; run it by hand):
 *
 *   npx tsx test/sim/models/coba-euler-reference.ts [seed]
 *
 * Integrates the same network as sim/models/coba.ts (the same synapses and
 * initial potentials, taken from the built network) with plain float64
 * forward Euler at dt 0.01 ms, none of the engine's code in the loop, and
 * prints the mean rate and CV of ISIs over 1 s. Seed 1 gives 21.98 Hz, CV
 * 1.535: the anchor of the COBA test in reference-networks.test.ts.
 */
import { coba } from '../../../sim/models/coba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';

const net = buildNetwork(coba({ seed: Number(process.argv[2] ?? 1) }));
const N = net.size;
const dt = 0.01;
const delaySteps = 10; // the engine's one tick of 0.1 ms
const v = new Float64Array(N);
const ge = new Float64Array(N);
const gi = new Float64Array(N);
const lastSpike = new Float64Array(N).fill(-1e9);
for (const pop of net.populations) {
  if (pop.kind !== 'neuron') throw new Error('COBA has neuron populations only');
  for (let i = 0; i < pop.size; i++) v[pop.offset + i] = pop.initial[0]![i]! + pop.params.vRest!;
}
const [gL, C, I, El, Ee, Ei, Vt, Vr] = [0.2 / 20, 0.2, 0.2, -60, 0, -80, -50, -60];
const counts = new Float64Array(N);
const sum = new Float64Array(N);
const sumSq = new Float64Array(N);
const queue: number[][] = Array.from({ length: delaySteps }, () => []);
for (let step = 0; step < 1000 / dt; step++) {
  const t = step * dt;
  for (const g of queue[step % delaySteps]!) {
    for (const proj of net.projections) {
      const pre = net.populations[proj.pre]!;
      if (g < pre.offset || g >= pre.offset + pre.size) continue;
      const post = net.populations[proj.post]!;
      const i = g - pre.offset;
      for (let k = proj.rowStart[i]!; k < proj.rowStart[i + 1]!; k++) {
        const j = post.offset + proj.targets[k]!;
        if (proj.receptor === 'excitatory') ge[j]! += proj.weights[k]!;
        else gi[j]! += proj.weights[k]!;
      }
    }
  }
  const spiked: number[] = [];
  for (let i = 0; i < N; i++) {
    if (t - lastSpike[i]! >= 5) {
      v[i]! += (dt * (gL * (El - v[i]!) + ge[i]! * (Ee - v[i]!) + gi[i]! * (Ei - v[i]!) + I)) / C;
    }
    ge[i]! -= (dt * ge[i]!) / 5;
    gi[i]! -= (dt * gi[i]!) / 10;
    if (v[i]! >= Vt) {
      v[i] = Vr;
      if (counts[i]! > 0) {
        const isi = t - lastSpike[i]!;
        sum[i]! += isi;
        sumSq[i]! += isi * isi;
      }
      lastSpike[i] = t;
      counts[i]!++;
      spiked.push(i);
    }
  }
  queue[step % delaySteps] = spiked; // delivered delaySteps steps later
}
let spikes = 0;
let cv = 0;
let cvN = 0;
for (let i = 0; i < N; i++) {
  spikes += counts[i]!;
  if (counts[i]! >= 3) {
    const m = counts[i]! - 1;
    const mean = sum[i]! / m;
    cv += Math.sqrt(Math.max(0, sumSq[i]! / m - mean * mean)) / mean;
    cvN++;
  }
}
console.log(
  `COBA, forward Euler at dt ${dt} ms: rate ${(spikes / N).toFixed(2)} Hz, CV ${(cv / cvN).toFixed(3)}`,
);
