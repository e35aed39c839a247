/**
 * Pulse coding for the lecture: one stimulus s ∈ (0, 1] encoded three ways
 * by the spiking engine's sources, each code driving one LIF neuron
 * (IF_curr_exp, PyNN defaults), all in one network at dt = 0.1 ms:
 *
 * - rate: 10 Poisson sources at s·100 Hz (sim/encode/rate.ts), decoded as
 *   count / (10 · 100 Hz · window);
 * - latency (time to first spike): 10 sources firing once at the tick
 *   sim/encode/latency.ts gives for s over a 200-tick (19.9 ms) window, each
 *   jittered by N(0, 0.5 ms) as real spike times are; decoded from their
 *   mean first-spike time t as s = 1 − t / 19.9 ms (the encoder's inverse);
 * - population: 16 Poisson sources with Gaussian tuning curves (preferred
 *   values evenly over [0, 1], width 0.15, peak 100 Hz), decoded as the
 *   spike-count-weighted mean of the preferred values.
 *
 * Decoding from the spikes of the first W ms, over trials of fresh seeds,
 * shows the lecture's point: a time code is read after one spike per input,
 * within milliseconds, while a rate must be counted over ~100 ms.
 */

import { latencyTicks } from '../../../sim/encode/latency.ts';
import { poissonRates } from '../../../sim/encode/rate.ts';
import { SpikeMonitor, StateMonitor } from '../../../sim/engine/monitors.ts';
import type { NetworkSpec, PopulationSpec, ProjectionSpec } from '../../../sim/network/spec.ts';
import { simulateSpec } from '../../../sim/run.ts';
import { Rng } from '../../../src/core/rng.ts';
import { inRange, integer, parse, seed, z } from '../../../src/core/schema.ts';

export const CODES = ['rate', 'latency', 'population'] as const;
export type Code = (typeof CODES)[number];

const DT = 0.1;
const DURATION = 200;
const RATE_N = 10;
const MAX_HZ = 100;
const LATENCY_N = 10;
const LATENCY_TICKS = 200;
/** The latest first spike, at s → 0: the encoder's window of 200 ticks spans ticks 0 … 199. */
const LATENCY_SPAN = (LATENCY_TICKS - 1) * DT;
const JITTER = 0.5;
const POP_N = 16;
const TUNING = 0.15;
export const WINDOWS = [1, 2, 5, 10, 20, 50, 100, 200];
/** Input weight (nA) of each code's synapses onto its LIF neuron. */
// chosen so that the neuron fires at a moderate rate on the rate codes and once on the latency volley
const WEIGHTS: Record<Code, number> = { rate: 0.5, latency: 0.6, population: 0.5 };

export const codingRequestSchema = z
  .object({
    stimulus: inRange(0.05, 1),
    seed: seed().optional(),
    trials: integer(1, 100).optional(),
  })
  .strict();

export interface CodeRun {
  code: Code;
  /** Input spikes: time (ms) and source index within the code. */
  input: { t: Float32Array; id: Uint16Array; sources: number };
  /** The LIF neuron's spike times (ms). */
  output: Float32Array;
  /** Its membrane potential (mV) every 0.5 ms. */
  v: Float32Array;
  /** Decoded from all 200 ms of this trial's input. */
  decoded: number;
}

export interface CodingLesson {
  stimulus: number;
  /** Times (ms) of the v samples. */
  vt: Float32Array;
  runs: CodeRun[];
  windows: number[];
  /** Mean |ŝ − s| over the trials for each code and window. */
  errors: Record<Code, number[]>;
  /** Latency code: mean |t̂ − t| (ms) over the trials, all 200 ms seen; t = (1 − s)·19.9 ms. */
  latencyErrorMs: number;
  trials: number;
}

function codeSources(code: Code, s: number, rng: Rng): PopulationSpec {
  if (code === 'rate') {
    const rate = poissonRates([s], MAX_HZ)[0]!;
    return { label: code, size: RATE_N, model: 'SpikeSourcePoisson', params: { rate } };
  }
  if (code === 'population') {
    const prefs = Array.from({ length: POP_N }, (_, i) => i / (POP_N - 1));
    const tuned = prefs.map((p) => Math.exp(-0.5 * ((s - p) / TUNING) ** 2));
    return {
      label: code,
      size: POP_N,
      model: 'SpikeSourcePoisson',
      params: { rate: Array.from(poissonRates(tuned, MAX_HZ)) },
    };
  }
  const tick = latencyTicks([s], LATENCY_TICKS)[0]!;
  const spikeTimes = Array.from({ length: LATENCY_N }, () => [
    Math.max(DT, tick * DT + rng.normal(0, JITTER)),
  ]);
  return { label: code, size: LATENCY_N, model: 'SpikeSourceArray', params: { spikeTimes } };
}

function spec(s: number, seedValue: number): NetworkSpec {
  const rng = new Rng(seedValue).derive('latency-jitter');
  const populations: PopulationSpec[] = [];
  const projections: ProjectionSpec[] = [];
  for (const code of CODES) {
    populations.push(codeSources(code, s, rng));
    populations.push({ label: `${code}-lif`, size: 1, model: 'IF_curr_exp' });
    projections.push({
      pre: code,
      post: `${code}-lif`,
      connector: { type: 'allToAll' },
      weight: WEIGHTS[code],
      delay: DT,
      receptor: 'excitatory',
    });
  }
  return { schemaVersion: 1, dt: DT, seed: seedValue, populations, projections };
}

/**
 * The stimulus decoded from input spikes (ms, source) seen before `window`
 * ms. Before any spike every decoder reads 0, the value a silent code means.
 */
export function decode(
  code: Code,
  t: ArrayLike<number>,
  id: ArrayLike<number>,
  window: number,
): number {
  if (code === 'rate') {
    let n = 0;
    for (let i = 0; i < t.length; i++) if (t[i]! < window) n++;
    return n / (RATE_N * MAX_HZ * (window / 1000));
  }
  if (code === 'latency') {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < t.length; i++)
      if (t[i]! < window) {
        sum += t[i]!;
        n++;
      }
    return n === 0 ? 0 : 1 - sum / n / LATENCY_SPAN;
  }
  let w = 0;
  let n = 0;
  for (let i = 0; i < t.length; i++)
    if (t[i]! < window) {
      w += id[i]! / (POP_N - 1);
      n++;
    }
  return n === 0 ? 0 : w / n;
}

interface Trial {
  runs: CodeRun[];
  vt: Float32Array;
}

function trial(s: number, seedValue: number, record: boolean): Trial {
  const net = spec(s, seedValue);
  let spikes: SpikeMonitor | null = null;
  const traces: StateMonitor[] = [];
  let layout: { offset: number; size: number; label: string }[] = [];
  const sample = Math.round(0.5 / DT);
  simulateSpec(net, {
    durationMs: DURATION,
    backend: 'js',
    setup: (sim) => {
      layout = sim.network.populations.map((p) => ({
        offset: p.offset,
        size: p.size,
        label: p.label,
      }));
      spikes = new SpikeMonitor(DT);
      sim.addListener(spikes);
      if (record)
        for (const code of CODES)
          traces.push(new StateMonitor(sim, `${code}-lif`, 'v', Uint32Array.of(0), sample));
    },
  });
  const rec = spikes!.record();
  const runs = CODES.map((code, k) => {
    const src = layout.find((p) => p.label === code)!;
    const lif = layout.find((p) => p.label === `${code}-lif`)!;
    const t: number[] = [];
    const id: number[] = [];
    const out: number[] = [];
    for (let i = 0; i < rec.ids.length; i++) {
      const g = rec.ids[i]!;
      if (g >= src.offset && g < src.offset + src.size) {
        t.push(rec.ticks[i]! * DT);
        id.push(g - src.offset);
      } else if (g === lif.offset) out.push(rec.ticks[i]! * DT);
    }
    return {
      code,
      input: { t: Float32Array.from(t), id: Uint16Array.from(id), sources: src.size },
      output: Float32Array.from(out),
      v: record ? Float32Array.from(traces[k]!.values()) : new Float32Array(0),
      decoded: decode(code, t, id, DURATION),
    };
  });
  const vt = Float32Array.from({ length: runs[0]!.v.length }, (_, i) => i * sample * DT);
  return { runs, vt };
}

export function codingLesson(input: unknown): CodingLesson {
  const req = parse(codingRequestSchema, input, 'coding');
  const s = req.stimulus;
  const base = req.seed ?? 0;
  const trials = req.trials ?? 20;
  const shown = trial(s, base, true);
  const errors = { rate: [] as number[], latency: [] as number[], population: [] as number[] };
  const sums = Object.fromEntries(CODES.map((c) => [c, WINDOWS.map(() => 0)])) as Record<
    Code,
    number[]
  >;
  const trueLatency = (1 - s) * LATENCY_SPAN;
  let latencyError = 0;
  for (let k = 0; k < trials; k++) {
    const runs = k === 0 ? shown.runs : trial(s, base + k, false).runs;
    for (const r of runs) {
      WINDOWS.forEach((w, j) => {
        sums[r.code][j]! += Math.abs(decode(r.code, r.input.t, r.input.id, w) - s);
      });
      if (r.code === 'latency') {
        const mean = r.input.t.reduce((a, b) => a + b, 0) / r.input.t.length;
        latencyError += Math.abs(mean - trueLatency);
      }
    }
  }
  for (const c of CODES) errors[c] = sums[c].map((e) => e / trials);
  return {
    stimulus: s,
    vt: shown.vt,
    runs: shown.runs,
    windows: WINDOWS,
    errors,
    latencyErrorMs: latencyError / trials,
    trials,
  };
}
