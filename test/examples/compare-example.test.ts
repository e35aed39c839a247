/** The library example of the README (examples/09-compare.ts) runs and says what the README says. */
import { describe, expect, it } from 'vitest';
import { compareDigits } from '../../examples/09-compare.ts';

describe('examples/09-compare.ts', () => {
  it('digits: SNN within 1 point of the ANN at T = 100, accuracy higher at T = 25 than at T = 5, energy on Loihi priced', () => {
    const r = compareDigits();
    expect(r.ann).toBeGreaterThan(0.97);
    expect(Math.abs(r.snn - r.ann)).toBeLessThanOrEqual(0.01);
    expect(r.sweep.map((s) => s.timesteps)).toEqual([5, 10, 25]);
    expect(r.sweep[2]!.accuracy!).toBeGreaterThan(r.sweep[0]!.accuracy!);
    expect(r.loihiJoules).toBeGreaterThan(0);
    expect(r.markdown).toContain('| test accuracy |');
  });
});
