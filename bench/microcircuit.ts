/**
 * The Potjans & Diesmann 2014 microcircuit in the engine: build time, bytes
 * per synapse, peak memory, the real-time factor of the simulation, and the
 * population rates after the first 500 ms (the benchmark recipe of Senk et
 * al.) against the reference implementation's full-scale `full_mean_rates`.
 *
 *   npm run bench:microcircuit                       (full scale, 1 s after 500 ms, seed 55)
 *   npm run bench:microcircuit -- --scale 0.1 --seconds 1 --seed 1
 *
 * The full model needs about 6 GB: run it with nothing else heavy beside it.
 */
import { parseArgs } from 'node:util';
import { PopulationSpikes } from '../sim/engine/population-spikes.ts';
import {
  FULL_MEAN_RATES,
  MICROCIRCUIT_POPULATIONS,
  microcircuit,
} from '../sim/models/microcircuit.ts';
import { simulateSpec } from '../sim/run.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seconds: { type: 'string', default: '1' },
    seed: { type: 'string', default: '55' },
  },
});
const scale = Number(values.scale);
const seconds = Number(values.seconds);
const WARMUP_MS = 500;

const spec = microcircuit({ scale, seed: Number(values.seed) });
const sizes = spec.populations.map((p) => p.size);
const warmupTicks = Math.round(WARMUP_MS / spec.dt);
const rates = new PopulationSpikes(sizes, warmupTicks);

const r = simulateSpec(spec, {
  durationMs: WARMUP_MS + 1000 * seconds,
  listeners: [rates],
  memoryBudgetBytes: 16e9,
});
const simulated = (WARMUP_MS + 1000 * seconds) / 1000;
console.log(
  `microcircuit, scale ${scale}: ${r.neurons.toLocaleString('en-US')} neurons, ${r.synapses.toLocaleString('en-US')} synapses, ${r.bytesPerSynapse.toFixed(2)} B/synapse, dt ${spec.dt} ms, seed ${spec.seed}`,
);
console.log(
  `build ${r.buildSeconds.toFixed(1)} s; simulation of ${simulated} s in ${r.simulationSeconds.toFixed(1)} s: real-time factor ${(r.simulationSeconds / simulated).toFixed(2)} (one thread, ${r.backend} kernels); peak RSS ${(process.resourceUsage().maxRSS / 1e6).toFixed(2)} GB`,
);
console.log('population  rate (spikes/s, after 500 ms)  reference (full scale)  ratio');
MICROCIRCUIT_POPULATIONS.forEach((label, i) => {
  const rate = rates.counts[i]! / sizes[i]! / seconds;
  const ref = FULL_MEAN_RATES[i]!;
  console.log(
    `${label.padEnd(11)} ${rate.toFixed(3).padStart(8)}                       ${ref.toFixed(3).padStart(6)}                  ${(rate / ref).toFixed(3)}`,
  );
});
