/**
 * NEST's fixed_total_number rule: exactly n synapses, pairs drawn uniformly
 * with multapses, CSR rows with ascending targets, and the same draws for
 * the same seed.
 */
import { describe, expect, it } from 'vitest';
import { connect } from '../../../sim/network/connectors.ts';
import { Rng } from '../../../src/core/rng.ts';

const spec = (n: number, allowSelf?: boolean) => ({
  type: 'fixedTotalNumber' as const,
  n,
  ...(allowSelf !== undefined && { allowSelf }),
});

describe('fixedTotalNumber', () => {
  it('makes exactly n synapses, each row ascending, with multapses', () => {
    const c = connect(spec(50_000), 40, 30, false, new Rng(1), 'p');
    expect(c.rowStart.at(-1)).toBe(50_000);
    let multapses = 0;
    for (let i = 0; i < 40; i++) {
      for (let s = c.rowStart[i]! + 1; s < c.rowStart[i + 1]!; s++) {
        expect(c.targets[s]!).toBeGreaterThanOrEqual(c.targets[s - 1]!);
        if (c.targets[s] === c.targets[s - 1]) multapses++;
      }
    }
    // 1,200 pairs, about 41.7 synapses each: nearly every synapse shares its pair
    expect(multapses).toBeGreaterThan(45_000);
  });

  it('draws pairs uniformly: every pre and every post count within 5 sd of n/N', () => {
    const n = 200_000;
    const c = connect(spec(n), 50, 80, false, new Rng(2), 'p');
    const post = new Float64Array(80);
    for (let s = 0; s < n; s++) post[c.targets[s]!]!++;
    const sdPost = Math.sqrt((n / 80) * (1 - 1 / 80));
    for (const k of post) expect(Math.abs(k - n / 80)).toBeLessThan(5 * sdPost);
    const sdPre = Math.sqrt((n / 50) * (1 - 1 / 50));
    for (let i = 0; i < 50; i++) {
      const k = c.rowStart[i + 1]! - c.rowStart[i]!;
      expect(Math.abs(k - n / 50)).toBeLessThan(5 * sdPre);
    }
  });

  it('allowSelf: false leaves out autapses within one population', () => {
    const c = connect(spec(5_000, false), 10, 10, true, new Rng(3), 'p');
    for (let i = 0; i < 10; i++)
      for (let s = c.rowStart[i]!; s < c.rowStart[i + 1]!; s++) expect(c.targets[s]).not.toBe(i);
  });

  it('the same seed gives the same connectivity', () => {
    const a = connect(spec(1_000), 20, 20, true, new Rng(9), 'p');
    const b = connect(spec(1_000), 20, 20, true, new Rng(9), 'p');
    expect(b.targets).toEqual(a.targets);
    expect(b.rowStart).toEqual(a.rowStart);
  });

  it('refuses a negative or fractional n by field', () => {
    expect(() => connect(spec(-1), 5, 5, false, new Rng(0), 'projections.3.connector')).toThrow(
      /projections\.3\.connector\.n: got -1/,
    );
    expect(() => connect(spec(1.5), 5, 5, false, new Rng(0), 'p')).toThrow(/p\.n: got 1\.5/);
  });
});
