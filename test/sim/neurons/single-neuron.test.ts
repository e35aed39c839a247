/**
 * Single neurons against closed forms: the LIF firing rate under a constant
 * current (its closed-form period, e.g. Gerstner et al. 2014, Neuronal
 * Dynamics, ch. 1), the post-synaptic potential of one input spike through
 * an exponential synapse (difference of exponentials), and the conversion
 * neuron's rate I/(C θ).
 */
import { describe, expect, it } from 'vitest';
import { ifCondExp, ifCurrDelta, ifCurrExp, ifNonleaky } from '../../../sim/neurons/index.ts';
import { singleNeuron } from './single.ts';

const lif = { cm: 1, tauM: 20, tauRefrac: 2, vRest: -65, vReset: -65, vThresh: -50 };
// R = tauM/cm = 20 MΩ: the rheobase is (vThresh − vRest)/R = 0.75 nA.
const rheobase = 0.75;

/** The period t_ref + τm ln((E_L + RI − V_reset)/(E_L + RI − θ)) in ms (the rate is its inverse). */
function analyticPeriod(iNa: number): number {
  const ri = (lif.tauM / lif.cm) * iNa;
  return (
    lif.tauRefrac +
    lif.tauM * Math.log((lif.vRest + ri - lif.vReset) / (lif.vRest + ri - lif.vThresh))
  );
}

/** Periods (ms) between consecutive spikes over `ticks` ticks. */
function periods(step: () => boolean, ticks: number, dt: number): number[] {
  const out: number[] = [];
  let last = -1;
  for (let t = 0; t < ticks; t++) {
    if (step()) {
      if (last >= 0) out.push((t - last) * dt);
      last = t;
    }
  }
  return out;
}

describe('LIF under a constant current fires at the analytic rate (within one tick of period)', () => {
  const models = [
    ['IF_curr_exp', ifCurrExp],
    ['IF_curr_delta', ifCurrDelta],
    ['IF_cond_exp', ifCondExp], // without synaptic input it is the same LIF
  ] as const;
  for (const [name, model] of models) {
    for (const dt of [1, 0.1]) {
      for (const i of [0.8, 1, 1.5, 3]) {
        it(`${name}, dt ${dt} ms, I = ${i} nA: period ${analyticPeriod(i).toFixed(3)} ms ± ${dt}`, () => {
          const n = singleNeuron(model, { ...lif, iOffset: i }, dt);
          const ps = periods(() => n.step(), Math.round(1000 / dt), dt);
          expect(ps.length).toBeGreaterThan(5);
          for (const p of ps)
            expect(Math.abs(p - analyticPeriod(i))).toBeLessThanOrEqual(dt + 1e-9);
        });
      }
      it(`${name}, dt ${dt} ms: below the rheobase (I = 0.99 × ${rheobase} nA) it never fires in 10 s`, () => {
        const n = singleNeuron(model, { ...lif, iOffset: 0.99 * rheobase }, dt);
        expect(periods(() => n.step(), Math.round(10_000 / dt), dt)).toEqual([]);
        // and it settles at E_L + R I = −65 + 20·0.7425 = −50.15 mV
        expect(n.v()).toBeCloseTo(-65 + 20 * 0.99 * rheobase, 3);
      });
    }
  }
});

/** PSP of a current pulse w decaying with τs: (w/C) τm τs/(τs − τm)(e^(−t/τs) − e^(−t/τm)). */
function psp(w: number, t: number, tauM: number, tauS: number, cm: number): number {
  if (tauS === tauM) return (w / cm) * t * Math.exp(-t / tauM);
  return (w / cm) * ((tauM * tauS) / (tauS - tauM)) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
}

describe('IF_curr_exp: one input spike gives the analytic PSP within 1e-5 relative', () => {
  const cases = [
    { dt: 0.1, tauSynE: 5, tauSynI: 10, w: 0.5, receptor: 'excitatory' },
    { dt: 1, tauSynE: 5, tauSynI: 10, w: 0.5, receptor: 'excitatory' },
    { dt: 0.1, tauSynE: 5, tauSynI: 10, w: -0.8, receptor: 'inhibitory' },
    { dt: 0.1, tauSynE: 20, tauSynI: 20, w: 0.3, receptor: 'excitatory' }, // τs = τm: the limit h·e^(−h/τ)/C
  ] as const;
  for (const c of cases) {
    it(`${c.receptor} w = ${c.w} nA, τs = ${c.receptor === 'excitatory' ? c.tauSynE : c.tauSynI} ms, dt ${c.dt} ms, 100 ms`, () => {
      const params = {
        cm: 0.25,
        tauM: 20,
        tauSynE: c.tauSynE,
        tauSynI: c.tauSynI,
        vRest: -65,
        vReset: -70,
        vThresh: 0,
      };
      const n = singleNeuron(ifCurrExp, params, c.dt);
      // The input arrives in tick 0: it enters the current at the end of that
      // tick, so the potential at the end of tick k is PSP(k·dt).
      n.step(c.receptor === 'excitatory' ? c.w : 0, c.receptor === 'inhibitory' ? c.w : 0);
      const tauS = c.receptor === 'excitatory' ? c.tauSynE : c.tauSynI;
      let worst = 0;
      for (let k = 1; k <= Math.round(100 / c.dt); k++) {
        n.step();
        const expected = psp(c.w, k * c.dt, 20, tauS, 0.25);
        const got = n.v() - -65;
        worst = Math.max(worst, Math.abs(got - expected) / Math.abs(expected));
      }
      expect(worst).toBeLessThan(1e-5);
    });
  }
});

describe('IF_cond_exp: one input spike converges to the exact solution as dt shrinks', () => {
  // Reference: RK4 in float64 at 1 µs, from the same start. The scheme's error
  // is first order in dt (conductance frozen at its step mean): we expect the
  // peak error at dt 0.1 ms below 0.5 % of the PSP peak and a smaller one at 0.05 ms.
  const p = {
    cm: 0.2,
    tauM: 20,
    tauSynE: 5,
    tauSynI: 10,
    vRest: -60,
    vReset: -60,
    vThresh: -50,
    eRevE: 0,
    eRevI: -80,
  };
  const w = 0.006; // µS, the COBA excitatory weight
  function reference(tMs: number): number {
    const h = 0.001;
    const gL = p.cm / p.tauM;
    const f = (v: number, g: number) => (gL * (p.vRest - v) + g * (p.eRevE - v)) / p.cm;
    let v = p.vRest;
    let g = w;
    for (let k = 0; k < Math.round(tMs / h); k++) {
      const gm = g * Math.exp(-h / 2 / p.tauSynE);
      const g1 = g * Math.exp(-h / p.tauSynE);
      const k1 = f(v, g);
      const k2 = f(v + (h / 2) * k1, gm);
      const k3 = f(v + (h / 2) * k2, gm);
      const k4 = f(v + h * k3, g1);
      v += (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
      g = g1;
    }
    return v;
  }
  const peakT = 8;
  const peak = reference(peakT) - p.vRest;
  /** Relative error of the simulated potential at peakT against the reference, at step dt. */
  function errorAt(dt: number): number {
    const n = singleNeuron(ifCondExp, p, dt);
    n.step(w, 0);
    for (let k = 1; k <= Math.round(peakT / dt); k++) n.step();
    return Math.abs(n.v() - p.vRest - peak) / peak;
  }
  for (const dt of [0.1, 0.05]) {
    it(`dt ${dt} ms: error at t = ${peakT} ms below 0.5 % of the PSP (${peak.toFixed(4)} mV)`, () => {
      expect(errorAt(dt)).toBeLessThan(5e-3);
    });
  }
  it('halving dt from 0.1 to 0.05 ms lowers the error', () => {
    expect(errorAt(0.05)).toBeLessThan(errorAt(0.1));
  });
});

describe('IF_nonleaky (reset by subtraction) fires at I/(C θ) on average', () => {
  for (const i of [0.05, 0.37, 0.9]) {
    it(`I = ${i} nA, C = 1 nF, θ = 1 mV, dt 1 ms: ${i * 1000} spikes per second within one spike`, () => {
      const n = singleNeuron(ifNonleaky, { cm: 1, vThresh: 1, vReset: 0, iOffset: i }, 1);
      let count = 0;
      for (let t = 0; t < 1000; t++) if (n.step()) count++;
      expect(Math.abs(count - i * 1000)).toBeLessThanOrEqual(1);
    });
  }

  it('keeps the charge above threshold: input 2.5 θ in one tick gives 1 spike and leaves 1.5 θ', () => {
    const n = singleNeuron(ifNonleaky, { vThresh: 1, vReset: 0 }, 1);
    expect(n.step(2.5)).toBe(true);
    expect(n.v()).toBeCloseTo(1.5, 6);
  });
});
