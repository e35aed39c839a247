/**
 * The discrete leaky neurons against their closed forms, and in the engine
 * against a hand-written float32 recurrence of the same equations (the
 * contract a surrogate-gradient trainer or a NIR importer relies on).
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { cubaLeakyIntegrator, cubaLif, leakyIntegrator, lif } from '../../../sim/neurons/index.ts';
import { Rng } from '../../../src/core/rng.ts';
import { singleNeuron } from './single.ts';

const f = Math.fround;

describe('LIF (discrete) against closed forms', () => {
  it('under a constant input x, v_t = x (1 − β^t)/(1 − β) until the first spike', () => {
    const beta = 0.9;
    const x = 0.15; // v_∞ = 1.5 > θ = 1: first crossing at t with 1.5 (1 − 0.9^t) > 1, t = 11
    const n = singleNeuron(lif, { beta, iOffset: x }, 1);
    let first = -1;
    for (let t = 1; t <= 30 && first < 0; t++) {
      const spiked = n.step();
      if (spiked) first = t;
      else expect(n.v()).toBeCloseTo((x * (1 - beta ** t)) / (1 - beta), 5);
    }
    // 1.5 (1 − 0.9^10) = 0.977 < 1 < 1.5 (1 − 0.9^11) = 0.979·… → the 11th tick.
    expect(first).toBe(Math.ceil(Math.log(1 - 1 / 1.5) / Math.log(beta)));
    expect(first).toBe(11);
  });

  it('resets by subtraction (keeping the excess) or to vReset', () => {
    const sub = singleNeuron(lif, { beta: 1, vThreshold: 1 }, 1);
    expect(sub.step(1.25)).toBe(true);
    expect(sub.v()).toBeCloseTo(0.25, 6);
    const zero = singleNeuron(lif, { beta: 1, vThreshold: 1, resetBySubtraction: 0 }, 1);
    expect(zero.step(1.25)).toBe(true);
    expect(zero.v()).toBe(0);
  });

  it('threshold is strict: v = vThreshold does not spike (NIR semantics)', () => {
    const n = singleNeuron(lif, { beta: 1, vThreshold: 1 }, 1);
    expect(n.step(1)).toBe(false);
    expect(n.step(2 ** -23)).toBe(true); // one float32 ulp above 1
  });

  it('IF and Integrator are β = 1: the input sums without loss', () => {
    const n = singleNeuron(leakyIntegrator, { beta: 1, gain: 0.5 }, 1);
    for (let t = 0; t < 8; t++) n.step(1);
    expect(n.v()).toBe(4);
  });

  it('vLeak: v relaxes to it geometrically (LI without input)', () => {
    const n = singleNeuron(leakyIntegrator, { beta: 0.5, vLeak: 2 }, 1);
    for (let t = 1; t <= 5; t++) {
      n.step();
      expect(n.v()).toBeCloseTo(2 * (1 - 0.5 ** t), 6);
    }
  });

  it('CubaLI impulse response: v_t = Σ_{k≤t} α^{k−1} β^{t−k}, the discrete difference of exponentials', () => {
    const a = 0.8;
    const b = 0.9;
    const n = singleNeuron(cubaLeakyIntegrator, { alpha: a, beta: b }, 1);
    n.step(1);
    for (let t = 2; t <= 20; t++) {
      n.step();
      // closed form: (α^t − β^t)/(α − β)
      expect(n.v()).toBeCloseTo((a ** t - b ** t) / (a - b), 5);
    }
  });

  it('CubaLIF rejects vReset ≥ vThreshold under subtraction', () => {
    expect(() => singleNeuron(cubaLif, { vThreshold: 1, vReset: 1 }, 1)).toThrow(/vReset/);
  });
});

describe('discrete neurons in the engine reproduce a float32 recurrence of the same equations', () => {
  const nIn = 12;
  const nHid = 9;
  const nOut = 4;
  const ticks = 40;
  const rng = new Rng(7);
  const w1 = Float32Array.from({ length: nIn * nHid }, () => f(rng.normal() * 0.6));
  const w2 = Float32Array.from({ length: nHid * nOut }, () => f(rng.normal() * 0.8));
  const inTicks = Array.from({ length: nIn }, () =>
    Array.from({ length: ticks }, (_, t) => t).filter(() => rng.uniform() < 0.2),
  );

  function spec(): NetworkSpec {
    return {
      schemaVersion: 1,
      dt: 1,
      seed: 1,
      populations: [
        {
          label: 'in',
          size: nIn,
          model: 'SpikeSourceArray',
          params: { spikeTimes: inTicks.map((ts) => ts.map((t) => t * 1)) },
        },
        { label: 'hid', size: nHid, model: 'LIF', params: { beta: 0.85 } },
        { label: 'out', size: nOut, model: 'CubaLIF', params: { beta: 0.9, alpha: 0.7 } },
      ],
      projections: [
        {
          pre: 'in',
          post: 'hid',
          connector: { type: 'fromMatrix', weights: Array.from(w1) },
          delay: 1,
          receptor: 'excitatory',
        },
        {
          pre: 'hid',
          post: 'out',
          connector: { type: 'fromMatrix', weights: Array.from(w2) },
          delay: 1,
          receptor: 'excitatory',
        },
      ],
    };
  }

  /** Layer by layer, one tick of delay per projection, rounding each operation to float32. */
  function reference(): { hid: number[][]; out: number[][] } {
    const vH = new Float32Array(nHid);
    const vO = new Float32Array(nOut);
    const iO = new Float32Array(nOut);
    const hid: number[][] = [];
    const out: number[][] = [];
    let sIn = new Uint8Array(nIn);
    let sHid = new Uint8Array(nHid);
    for (let t = 0; t < ticks + 2; t++) {
      const xH = new Float32Array(nHid);
      for (let i = 0; i < nIn; i++)
        if (sIn[i]) for (let j = 0; j < nHid; j++) xH[j] = f(xH[j]! + w1[i * nHid + j]!);
      const xO = new Float32Array(nOut);
      for (let i = 0; i < nHid; i++)
        if (sHid[i]) for (let j = 0; j < nOut; j++) xO[j] = f(xO[j]! + w2[i * nOut + j]!);
      const nextHid = new Uint8Array(nHid);
      for (let j = 0; j < nHid; j++) {
        vH[j] = f(f(f(0.85) * vH[j]!) + xH[j]!);
        if (vH[j]! > 1) {
          vH[j] = f(vH[j]! - 1);
          nextHid[j] = 1;
          hid.push([t, j]);
        }
      }
      for (let j = 0; j < nOut; j++) {
        iO[j] = f(f(f(0.7) * iO[j]!) + xO[j]!);
        vO[j] = f(f(f(0.9) * vO[j]!) + iO[j]!);
        if (vO[j]! > 1) {
          vO[j] = f(vO[j]! - 1);
          out.push([t, j]);
        }
      }
      sIn = Uint8Array.from({ length: nIn }, (_, i) => (inTicks[i]!.includes(t) ? 1 : 0));
      sHid = nextHid;
    }
    return { hid, out };
  }

  it('spike for spike (hidden LIF and CubaLIF output), with one tick per projection', () => {
    const net = buildNetwork(spec());
    const mon = new SpikeMonitor(1);
    new Simulator(net, { listeners: [mon] }).run(ticks + 2);
    const rec = mon.record();
    const got = { hid: [] as number[][], out: [] as number[][] };
    for (let k = 0; k < rec.ids.length; k++) {
      const id = rec.ids[k]!;
      if (id >= nIn + nHid) got.out.push([rec.ticks[k]!, id - nIn - nHid]);
      else if (id >= nIn) got.hid.push([rec.ticks[k]!, id - nIn]);
    }
    const want = reference();
    expect(want.hid.length).toBeGreaterThan(20); // the test means something only if both layers fire
    expect(want.out.length).toBeGreaterThan(5);
    expect(got.hid).toEqual(want.hid);
    expect(got.out).toEqual(want.out);
  });
});
