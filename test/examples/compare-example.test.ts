/** The library example of the README (examples/09-compare.ts) runs and says what the README says. */
import { describe, expect, it } from 'vitest';
import { compareDigits } from '../../examples/09-compare.ts';

describe('examples/09-compare.ts', () => {
  it('digits: SNN within 1 point of the ANN at T = 100, accuracy higher at T = 25 than at T = 5, energy and time on Loihi priced, no significant difference', () => {
    const r = compareDigits();
    expect(r.ann).toBeGreaterThan(0.97);
    expect(Math.abs(r.snn - r.ann)).toBeLessThanOrEqual(0.01);
    expect(r.sweep.map((s) => s.timesteps)).toEqual([5, 10, 25]);
    expect(r.sweep[2]!.accuracy!).toBeGreaterThan(r.sweep[0]!.accuracy!);
    expect(r.loihiJoules).toBeGreaterThan(0);
    expect(r.loihiSeconds).toBeLessThan(0.1); // Loihi steps as fast as its busiest core allows
    expect(r.pValue).toBeGreaterThan(0.05);
    expect(r.markdown).toContain('| test accuracy [95 % CI] |');
  });
});
