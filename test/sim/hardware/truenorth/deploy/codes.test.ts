/**
 * Per-synapse weights from axon copies: with type weights q·(−2^{K−1}, …, 2, 1)
 * the K crossbar bits of a synapse select a subset whose sum is its weight.
 * Every integer of the range must come out exactly (two's complement), and
 * the step chosen for a neuron's weights must keep weights already on a grid.
 */
import { describe, expect, it } from 'vitest';
import {
  chooseStep,
  codeMask,
  maskValue,
  quantise,
  weightCode,
} from '../../../../../sim/hardware/truenorth/deploy/codes.ts';

describe('two’s-complement axon-type codes', () => {
  it('K = 4: type weights (−8, 4, 2, 1); −8 = type 0 alone, −1 = all four (−8 + 4 + 2 + 1), 7 = types 1–3, 5 = types 1 and 3', () => {
    const code = weightCode(4);
    expect(code.multipliers).toEqual([-8, 4, 2, 1]);
    expect([code.min, code.max]).toEqual([-8, 7]);
    expect(codeMask(-8, 4)).toBe(0b0001);
    expect(codeMask(-1, 4)).toBe(0b1111);
    expect(codeMask(7, 4)).toBe(0b1110);
    expect(codeMask(5, 4)).toBe(0b1010);
    expect(codeMask(0, 4)).toBe(0);
  });

  it('every integer of the range is reproduced exactly as a subset sum: 16 for K = 4, 8 for K = 3, 4 for K = 2 ({−2, −1, 0, 1} ⊃ trinary)', () => {
    for (const [bits, count] of [
      [4, 16],
      [3, 8],
      [2, 4],
    ] as const) {
      const code = weightCode(bits);
      const seen = new Set<number>();
      for (let n = code.min; n <= code.max; n++) {
        const mask = codeMask(n, bits);
        expect(mask).toBeLessThan(2 ** bits); // only the K copies that exist
        expect(maskValue(mask, code)).toBe(n);
        seen.add(mask);
      }
      expect(seen.size).toBe(count); // one distinct crossbar pattern per integer
    }
  });

  it('the unit q keeps S and −S within the 9-bit table: 31·8 = 248, 63·4 = 252, 127·2 = 254 (≤ 255)', () => {
    expect([4, 3, 2].map((k) => weightCode(k).unit)).toEqual([31, 63, 127]);
  });

  it('weights on a grid of 0.125 with the extreme codes 7 and −8 keep step 0.125 and zero error', () => {
    const w = [0.875, -0.25, 0.125, -1, 0.5, 0];
    const code = weightCode(4);
    const step = chooseStep(w, 0, w.length, 1, code);
    expect(step).toBe(0.125);
    expect(w.map((x) => quantise(x, step, code) * step)).toEqual(w);
  });

  it('one outlier among 100 small weights: the least-squares step clips it (1.1 → 7 steps < 1.1) and lowers the total squared error below max-abs scaling’s (step 1.1/7) by over 15 %', () => {
    const w = [...Array.from({ length: 100 }, (_, i) => ((i - 49.5) / 49.5) * 0.1), 1.1];
    const code = weightCode(4);
    const sse = (step: number) =>
      w.reduce((a, x) => a + (x - quantise(x, step, code) * step) ** 2, 0);
    const step = chooseStep(w, 0, w.length, 1, code);
    expect(step).toBeLessThan(1.1 / 7);
    expect(quantise(1.1, step, code)).toBe(7); // held at the code's largest value
    expect(sse(step)).toBeLessThan(0.85 * sse(1.1 / 7));
  });

  it('all-zero weights give step 0 (nothing to connect); strided reads pick one neuron of a pre-major matrix', () => {
    const code = weightCode(3);
    expect(chooseStep([0, 0, 0], 0, 3, 1, code)).toBe(0);
    // 3 × 2 matrix, column 1 = (0.3, −0.4, 0.1): step 0.1 holds 3, −4 and 1 exactly
    const m = [9, 0.3, 9, -0.4, 9, 0.1];
    expect(chooseStep(m, 1, m.length, 2, code)).toBeCloseTo(0.1, 15);
  });
});
