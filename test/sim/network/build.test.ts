import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec, ProjectionSpec } from '../../../sim/network/spec.ts';

function net(projections: ProjectionSpec[], sizes = [50, 40], dt = 0.1): NetworkSpec {
  return {
    schemaVersion: 1,
    dt,
    seed: 5,
    populations: sizes.map((size, i) => ({ label: `p${i}`, size, model: 'IF_curr_exp' as const })),
    projections,
  };
}

function pairs(p: { rowStart: Uint32Array; targets: Uint32Array }): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < p.rowStart.length; i++) {
    for (let k = p.rowStart[i]!; k < p.rowStart[i + 1]!; k++) out.push([i, p.targets[k]!]);
  }
  return out;
}

const base = { weight: 0.1, delay: 0.1, receptor: 'excitatory' as const };

describe('connectors build CSR by presynaptic neuron', () => {
  it('allToAll without self-connections: 50·49 = 2,450 synapses, no (i, i)', () => {
    const n = buildNetwork(
      net([{ pre: 0, post: 0, connector: { type: 'allToAll', allowSelf: false }, ...base }]),
    );
    const ps = pairs(n.projections[0]!);
    expect(ps.length).toBe(2450);
    expect(ps.some(([i, j]) => i === j)).toBe(false);
    expect(n.projections[0]!.rowStart[50]).toBe(2450);
  });

  it('oneToOne: targets[i] = i; refuses unequal sizes', () => {
    const n = buildNetwork(net([{ pre: 0, post: 0, connector: { type: 'oneToOne' }, ...base }]));
    expect(Array.from(n.projections[0]!.targets)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(() =>
      buildNetwork(net([{ pre: 0, post: 1, connector: { type: 'oneToOne' }, ...base }])),
    ).toThrow(/projections.0.connector/);
  });

  it('fixedProbability p = 0.1 over 2000 × 2000: count within 5 sd of 400,000, rows ascending', () => {
    const n = buildNetwork(
      net(
        [{ pre: 0, post: 1, connector: { type: 'fixedProbability', p: 0.1 }, ...base }],
        [2000, 2000],
      ),
    );
    const p = n.projections[0]!;
    const sd = Math.sqrt(4e6 * 0.1 * 0.9);
    expect(Math.abs(p.targets.length - 400_000)).toBeLessThan(5 * sd);
    let unordered = 0;
    for (let i = 0; i < 2000; i++) {
      for (let k = p.rowStart[i]! + 1; k < p.rowStart[i + 1]!; k++)
        if (p.targets[k]! <= p.targets[k - 1]!) unordered++;
    }
    expect(unordered).toBe(0);
  });

  it('fixedNumberPre n = 7: every post neuron has in-degree exactly 7; without replacement no multapses', () => {
    for (const withReplacement of [true, false]) {
      const n = buildNetwork(
        net([
          {
            pre: 0,
            post: 1,
            connector: { type: 'fixedNumberPre', n: 7, withReplacement },
            ...base,
          },
        ]),
      );
      const indeg = new Array(40).fill(0);
      const seen = new Set<string>();
      for (const [i, j] of pairs(n.projections[0]!)) {
        indeg[j]++;
        seen.add(`${i},${j}`);
      }
      expect(indeg.every((d) => d === 7)).toBe(true);
      if (!withReplacement) expect(seen.size).toBe(280);
    }
  });

  it('fromList keeps each pair with its weight and delay; fromMatrix skips zeros', () => {
    const n = buildNetwork(
      net([
        {
          pre: 0,
          post: 1,
          connector: {
            type: 'fromList',
            pre: [3, 1, 3],
            post: [2, 5, 0],
            weights: [0.5, 0.25, -1],
            delays: [0.2, 0.3, 0.1],
          },
          receptor: 'excitatory',
        },
        {
          pre: 'p0',
          post: 'p1',
          connector: {
            type: 'fromMatrix',
            weights: Array.from({ length: 2000 }, (_, k) => (k % 3 === 0 ? 0.5 : 0)),
          },
          delay: 1,
          receptor: 'inhibitory',
        },
      ]),
    );
    const p = n.projections[0]!;
    expect(pairs(p)).toEqual([
      [1, 5],
      [3, 2],
      [3, 0],
    ]);
    expect(Array.from(p.weights)).toEqual([0.25, 0.5, -1]);
    expect(Array.from(p.delays)).toEqual([3, 2, 1]);
    expect(p.uniformDelay).toBe(0);
    expect(n.projections[1]!.targets.length).toBe(667);
    expect(n.projections[1]!.uniformDelay).toBe(10);
  });

  it('explicit CSR round-trips; a row pointer that decreases is refused with its path', () => {
    const n = buildNetwork(
      net(
        [
          {
            pre: 0,
            post: 1,
            connector: { type: 'csr', rowStart: [0, 2, 3], targets: [1, 4, 0] },
            ...base,
          },
        ],
        [2, 5],
      ),
    );
    expect(pairs(n.projections[0]!)).toEqual([
      [0, 1],
      [0, 4],
      [1, 0],
    ]);
    expect(() =>
      buildNetwork(
        net(
          [
            {
              pre: 0,
              post: 1,
              connector: { type: 'csr', rowStart: [0, 3, 2, 3], targets: [1, 4, 0] },
              ...base,
            },
          ],
          [3, 5],
        ),
      ),
    ).toThrow(/projections.0.connector.rowStart\[2\]/);
  });

  it('the same seed gives identical connectivity, another seed a different one', () => {
    const spec = net([
      { pre: 0, post: 1, connector: { type: 'fixedProbability', p: 0.2 }, ...base },
    ]);
    const a = buildNetwork(spec).projections[0]!;
    const b = buildNetwork(spec).projections[0]!;
    const c = buildNetwork({ ...spec, seed: 6 }).projections[0]!;
    expect(b.targets).toEqual(a.targets);
    expect(c.targets).not.toEqual(a.targets);
  });
});

describe('validation before allocation', () => {
  it('refuses 10^12 synapses (more than one typed array holds) with TOO_LARGE', () => {
    const spec = net(
      [{ pre: 0, post: 1, connector: { type: 'allToAll' }, ...base }],
      [1_000_000, 1_000_000],
    );
    expect(() => buildNetwork(spec)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  });

  it('refuses 4·10^6 synapses × 9 bytes = 36 MB against a 10 MB budget, from the connector parameters alone', () => {
    const spec = net(
      [{ pre: 0, post: 1, connector: { type: 'fixedNumberPre', n: 2000 }, ...base }],
      [2000, 2000],
    );
    expect(() => buildNetwork(spec, { memoryBudgetBytes: 10e6 })).toThrow(
      /a network of 4,000 neurons and about 4,000,000 synapses needs 52.1 MB; the memory budget is 10.0 MB/,
    );
  });

  it('refuses a delay below one tick, a NaN weight, a negative conductance and a bad tauM, naming the field', () => {
    expect(() =>
      buildNetwork(
        net([{ ...base, pre: 0, post: 1, connector: { type: 'oneToOne' }, delay: 0.04 }], [5, 5]),
      ),
    ).toThrow(/projections.0.delay: got 0.04; allowed: delays ≥ one tick/);
    expect(() =>
      buildNetwork(
        net(
          [{ ...base, pre: 0, post: 1, connector: { type: 'oneToOne' }, weight: Number.NaN }],
          [5, 5],
        ),
      ),
    ).toThrow(/projections.0.weight: got NaN/);
    const cond = net(
      [{ ...base, pre: 0, post: 1, connector: { type: 'oneToOne' }, weight: -0.1 }],
      [5, 5],
    );
    cond.populations[1] = { label: 'p1', size: 5, model: 'IF_cond_exp' };
    expect(() => buildNetwork(cond)).toThrow(/projections.0.weight: got -0.1; allowed: ≥ 0 \(µS\)/);
    const badTau = net([]);
    badTau.populations[0] = { label: 'p0', size: 5, model: 'IF_curr_exp', params: { tau_m: -5 } };
    expect(() => buildNetwork(badTau)).toThrow(
      'populations.0.params.tau_m: got -5; allowed: a finite number > 0 (ms)',
    );
    const list = { type: 'fromList' as const, pre: [0], post: [1], delays: [0.5] };
    expect(() =>
      buildNetwork(
        net([{ pre: 0, post: 1, connector: list, weight: 1, delay: 1, receptor: 'excitatory' }]),
      ),
    ).toThrow('projections.0.delay: got 1; allowed: nothing: the connector carries the delays');
    const { delays: _d, ...noDelays } = list;
    expect(() =>
      buildNetwork(
        net([{ pre: 0, post: 1, connector: noDelays, weight: 1, receptor: 'excitatory' }]),
      ),
    ).toThrow('projections.0.delay: got nothing; allowed: a delay in ms');
    expect(() => buildNetwork({ ...net([]), dt: 2 })).toThrow(
      /dt: got 2; allowed: a tick in \[0.01, 1\] ms/,
    );
  });
});
