/**
 * The Potjans & Diesmann 2014 microcircuit as specified: its tables, the
 * fixed-total-number synapse counts, the PSP-to-PSC conversion that gives
 * the paper's 87.8 pA, and the refusals of sizes it does not have.
 */
import { describe, expect, it } from 'vitest';
import {
  FULL_SIZES,
  microcircuit,
  pscOverPsp,
  synapsesFromProbability,
} from '../../../sim/models/microcircuit.ts';
import type { NeuronPopulationSpec } from '../../../sim/network/spec.ts';

describe('microcircuit spec', () => {
  it('has 77,169 neurons in eight populations at full scale', () => {
    const spec = microcircuit();
    expect(spec.populations.map((p) => p.size)).toEqual([...FULL_SIZES]);
    expect(spec.populations.reduce((a, p) => a + p.size, 0)).toBe(77_169);
  });

  it('totals 298,880,968 synapses by the fixed-total-number rule (the paper: "about 0.3 billion")', () => {
    const spec = microcircuit();
    let total = 0;
    for (const p of spec.projections) {
      if (p.connector.type !== 'fixedTotalNumber') throw new Error(p.connector.type);
      total += p.connector.n;
    }
    expect(total).toBe(298_880_968);
    // the rule itself: K = ln(1 − C)/ln(1 − 1/(N_pre N_post)), ≈ C N_pre N_post for small C
    const k = synapsesFromProbability(0.1009, 20683, 20683);
    expect(k / (0.1009 * 20683 ** 2)).toBeCloseTo(-Math.log(1 - 0.1009) / 0.1009, 6);
  });

  it('a 0.15 mV PSP is an 87.8 pA PSC for C_m 250 pF, τ_m 10 ms, τ_syn 0.5 ms (PD14 Table 5)', () => {
    expect(0.15 * pscOverPsp(250, 10, 0.5)).toBeCloseTo(87.81, 2);
    const spec = microcircuit();
    const l4eToL23e = spec.projections.find((p) => p.label === 'L4E→L23E')!;
    const l23eToL23e = spec.projections.find((p) => p.label === 'L23E→L23E')!;
    const l23iToL23e = spec.projections.find((p) => p.label === 'L23I→L23E')!;
    const mean = (p: typeof l4eToL23e) => (p.weight as { mean: number }).mean;
    expect(mean(l23eToL23e)).toBeCloseTo(0.087808, 5); // nA
    expect(mean(l4eToL23e)).toBeCloseTo(2 * 0.087808, 5); // the doubled L4e → L2/3e
    expect(mean(l23iToL23e)).toBeCloseTo(-4 * 0.087808, 5); // g = −4
    expect(l23iToL23e.receptor).toBe('inhibitory');
  });

  it('scale 0.1 keeps in-degrees: a tenth of the neurons and of the synapses', () => {
    const full = microcircuit();
    const tenth = microcircuit({ scale: 0.1 });
    expect(tenth.populations.map((p) => p.size)).toEqual(FULL_SIZES.map((n) => Math.round(n / 10)));
    const n = (s: typeof full) =>
      s.projections.reduce((a, p) => a + (p.connector as { n: number }).n, 0);
    expect(n(tenth) / n(full)).toBeCloseTo(0.1, 4);
    const bg = (s: typeof full) => (s.populations[0] as NeuronPopulationSpec).poissonInput![0]!;
    expect(bg(tenth).rateHz).toBe(1600 * 8); // K_ext × 8 Hz, kept
  });

  it('kScale shrinks in-degrees with weights × 1/√k and the lost mean input as DC', () => {
    const spec = microcircuit({ scale: 0.1, kScale: 0.25 });
    const w = (spec.projections[0]!.weight as { mean: number }).mean;
    expect(w).toBeCloseTo(0.087808 * 2, 5); // 1/√0.25 = 2
    const dc = (spec.populations[0] as NeuronPopulationSpec).params!.iOffset as number;
    expect(dc).toBeGreaterThan(0);
  });

  it('refuses a scale outside (0, 1] by name', () => {
    expect(() => microcircuit({ scale: 0 })).toThrow(
      /scale: got 0; allowed: a fraction in \(0, 1\]/,
    );
    expect(() => microcircuit({ scale: 2 })).toThrow(/scale: got 2/);
    expect(() => microcircuit({ kScale: -1 })).toThrow(/kScale: got -1/);
  });
});
