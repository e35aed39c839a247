/**
 * The WebAssembly update of deterministic TrueNorth neurons against its
 * oracle, stepTrueNorth: every quantity is an integer, so membranes and
 * spikes must agree exactly, tick by tick, over every reset mode, negative
 * saturation or reset, leak reversal, per-neuron and shared constants,
 * drives rounded half up (±2.5, 0.5, −0.5) or far beyond the 20-bit
 * register, and population sizes with 0–3 neurons after the last group of 4.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import {
  packTrueNorthParams,
  stepTrueNorth,
  TRUENORTH_CONSTS,
} from '../../../sim/neurons/truenorth/dynamics.ts';
import { createTrueNorthParams } from '../../../sim/neurons/truenorth/params.ts';
import { neuronKernels } from '../../../sim/wasm/specialise.ts';
import {
  packTrueNorthBlocks,
  trueNorthConstBytes,
  trueNorthDeterministic,
} from '../../../sim/wasm/truenorth.ts';
import { Rng } from '../../../src/core/rng.ts';

/** n deterministic neurons with every field drawn per neuron (all modes mixed). */
function randomConsts(n: number, rng: Rng): Float64Array {
  const c = packTrueNorthParams(createTrueNorthParams(n));
  const p = createTrueNorthParams(n);
  for (let j = 0; j < n; j++) {
    for (let g = 0; g < 4; g++) p.weights[4 * j + g] = rng.int(511) - 255;
    p.leak[j] = rng.int(41) - 20;
    p.leakReversal[j] = rng.int(2);
    p.threshold[j] = 1 + rng.int(400);
    p.negThreshold[j] = rng.int(300);
    p.resetMode[j] = rng.int(3);
    p.resetValue[j] = rng.int(201) - 100;
    p.negativeSaturate[j] = rng.int(2);
  }
  c.set(packTrueNorthParams(p));
  return c;
}

/** The kernel and the oracle on the same inputs for `ticks` ticks; returns the spikes compared. */
function compareKernel(n: number, stride: number, drive: Float32Array | null, seed: number) {
  const rng = new Rng(seed);
  const consts = stride === 0 ? randomConsts(1, rng) : randomConsts(n, rng);
  const groups = n >> 2;
  const constBytes = trueNorthConstBytes(n, stride);
  // memory: v, input, drive, spikes, constants, each on a 16-byte boundary
  const at = { v: 64, input: 64 + 16 * n, drive: 64 + 32 * n, spikes: 64 + 48 * n };
  const cAt = at.spikes + 16 * n;
  const memory = new WebAssembly.Memory({ initial: Math.ceil((cAt + constBytes) / 65536) + 1 });
  const kernel = new WebAssembly.Instance(neuronKernels([0, 0, 0, 0, 0, 0]), {
    env: { memory },
  }).exports.truenorth_det as (...a: number[]) => number;
  packTrueNorthBlocks(consts, stride, groups, new Int32Array(memory.buffer, cAt, constBytes / 4));
  const v = new Int32Array(memory.buffer, at.v, n);
  const input = new Float32Array(memory.buffer, at.input, 4 * n);
  const spikes = new Uint32Array(memory.buffer, at.spikes, n);
  if (drive) new Float32Array(memory.buffer, at.drive, n).set(drive);
  const vRef = new Int32Array(n);
  const inRef = new Float32Array(4 * n);
  const spikesRef = new Uint32Array(n);
  let total = 0;
  for (let t = 0; t < 300; t++) {
    for (let k = 0; k < 4 * n; k++) inRef[k] = rng.int(4) === 0 ? rng.int(6) : 0;
    input.set(inRef);
    const expected = stepTrueNorth(vRef, consts, stride, n, inRef, rng, spikesRef, 0, 1000, drive);
    const whole = 4 * groups;
    const got = kernel(
      at.v,
      at.input,
      cAt,
      stride === 0 ? 0 : 144,
      groups,
      at.drive,
      drive ? 1 : 0,
      at.spikes,
      0,
      1000,
    );
    // the neurons past the last whole group are the caller's (bindTrueNorth)
    const tail = stepTrueNorth(
      v.subarray(whole),
      stride === 0 ? consts : consts.subarray(whole * stride),
      stride,
      n - whole,
      input.subarray(4 * whole),
      rng,
      spikes,
      got,
      1000 + whole,
      drive ? drive.subarray(whole) : null,
    );
    input.subarray(4 * whole).fill(0);
    expect(Array.from(spikes.subarray(0, tail)), `tick ${t}`).toEqual(
      Array.from(spikesRef.subarray(0, expected)),
    );
    expect(Array.from(v), `tick ${t}`).toEqual(Array.from(vRef));
    expect(input.every((x) => x === 0)).toBe(true);
    total += expected;
  }
  return total;
}

describe('truenorth_det (WebAssembly) against stepTrueNorth', () => {
  it('is told apart from stochastic populations', () => {
    const det = randomConsts(5, new Rng(1));
    expect(trueNorthDeterministic(det, TRUENORTH_CONSTS, 5)).toBe(true);
    const p = createTrueNorthParams(5);
    p.stochasticLeak[3] = 1;
    expect(trueNorthDeterministic(packTrueNorthParams(p), TRUENORTH_CONSTS, 5)).toBe(false);
  });

  for (const n of [40, 37, 3, 102]) {
    it(`per-neuron constants, n = ${n}, every mode mixed: same membranes and spikes for 300 ticks`, () => {
      expect(compareKernel(n, TRUENORTH_CONSTS, null, n)).toBeGreaterThan(n);
    });
  }

  it('one shared set of constants (relays, splitters), n = 61', () => {
    // a shared random set may never fire; what matters is that every membrane agrees
    compareKernel(61, 0, null, 5);
  });

  it('drives rounded as Math.round does (±2.5, ±0.5, 0.49999997) and drives far beyond the register (±1e9)', () => {
    const n = 46;
    const special = [2.5, -2.5, 0.5, -0.5, 0.49999997, -0.49999997, 1e9, -1e9, 3.4e38, -3.4e38];
    const rng = new Rng(11);
    const drive = new Float32Array(n);
    for (let j = 0; j < n; j++) drive[j] = special[j % special.length]! + (j < 20 ? 0 : rng.int(9));
    expect(compareKernel(n, TRUENORTH_CONSTS, drive, 11)).toBeGreaterThan(n);
  });
});

describe('a deterministic TrueNorth population in the engine: wasm backend = js backend', () => {
  it('per-neuron weights and thresholds, an offset current, 4 channels with several events each: same spikes and membranes over 500 ticks', () => {
    const n = 53;
    const rng = new Rng(4);
    const ints = (lo: number, hi: number) =>
      Array.from({ length: n }, () => lo + rng.int(hi - lo + 1));
    const pre = Array.from({ length: 900 }, (_, k) => k % 70);
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt: 1,
      seed: 2,
      populations: [
        { label: 'src', size: 70, model: 'SpikeSourcePoisson', params: { rate: 60 } },
        {
          label: 'tn',
          size: n,
          model: 'TrueNorth',
          params: {
            weight0: ints(-50, 80),
            weight1: ints(-80, 20),
            weight2: ints(0, 30),
            weight3: -7,
            leak: ints(-3, 1),
            leakReversal: ints(0, 1),
            threshold: ints(20, 120),
            negThreshold: ints(0, 60),
            resetMode: ints(0, 2),
            negativeSaturate: ints(0, 1),
            iOffset: Array.from({ length: n }, (_, j) => (j % 7) * 0.5 - 1.5),
          },
        },
      ],
      projections: [
        {
          pre: 'src',
          post: 'tn',
          connector: { type: 'fromList', pre, post: pre.map((_, k) => (k * 11) % n) },
          weight: 1,
          delay: 1,
          receptor: 'excitatory',
          channel: pre.map((_, k) => (k >> 2) % 4),
        },
      ],
    };
    const runOn = (backend: 'js' | 'wasm') => {
      const mon = new SpikeMonitor(1);
      const sim = new Simulator(buildNetwork(spec), { backend, listeners: [mon] });
      const r = sim.run(500);
      return { counts: r.counts, record: mon.record(), v: Array.from(sim.stateVar(1, 'v')) };
    };
    const js = runOn('js');
    const wasm = runOn('wasm');
    expect(wasm.counts.spikes - js.counts.spikes).toBe(0);
    expect(wasm.record.ids).toEqual(js.record.ids);
    expect(wasm.record.ticks).toEqual(js.record.ticks);
    expect(wasm.v).toEqual(js.v);
    expect(js.record.ids.filter((id) => id >= 70).length).toBeGreaterThan(500);
  });
});
