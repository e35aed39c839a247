/**
 * The rule behind the CLI's `--threads` default and the page's: the cores
 * from 30,000 neurons or 3 million synapses, else one; no more threads than
 * the largest population has blocks of 256; one for a network the engine
 * cannot split, where an explicit count is refused by name.
 */
import { describe, expect, it } from 'vitest';
import { chooseThreads, oneThreadInstead, worthThreads } from '../../../sim/engine/threads-rule.ts';
import { SpikelabError } from '../../../src/core/errors.ts';

/** A network shape of neuron populations of these sizes and `synapses` synapses. */
const net = (sizes: number[], synapses = 0, model = 'LIF') =>
  ({
    populations: sizes.map((size, i) => ({ kind: 'neuron', size, label: `p${i}`, model })),
    synapses,
  }) as unknown as Parameters<typeof chooseThreads>[0];

describe('chooseThreads', () => {
  it('the size rule: 29,999 neurons and 2,999,999 synapses stay on one thread, 30,000 neurons or 3 million synapses take the cores', () => {
    expect(worthThreads(net([23_999, 6_000], 2_999_999))).toBe(false);
    expect(worthThreads(net([24_000, 6_000]))).toBe(true);
    expect(worthThreads(net([4_000], 3_000_000))).toBe(true);
    expect(chooseThreads(net([4_000], 320_000), { cores: 2, field: 'threads' })).toMatchObject({
      threads: 1,
      reason: 'small',
    });
    expect(chooseThreads(net([32_000, 8_000]), { cores: 2, field: 'threads' })).toEqual({
      threads: 2,
      reason: null,
      note: null,
    });
  });

  it('an explicit count overrides the size rule, capped by blocks: 800 neurons are 4 blocks of 256', () => {
    expect(chooseThreads(net([800, 200]), { asked: 2, cores: 1, field: 'threads' }).threads).toBe(
      2,
    );
    const c = chooseThreads(net([800, 200]), { asked: 8, cores: 2, field: 'threads' });
    expect(c).toMatchObject({ threads: 4, reason: 'blocks' });
    expect(c.note).toBe(
      '4 of the 8 threads get neurons (a share is at least 256 neurons of one population)',
    );
  });

  it('one core, or one thread asked for: one thread, nothing to explain', () => {
    expect(chooseThreads(net([40_000]), { cores: 1, field: 'threads' })).toEqual({
      threads: 1,
      reason: null,
      note: null,
    });
    expect(chooseThreads(net([40_000]), { asked: 1, cores: 2, field: 'threads' }).threads).toBe(1);
  });

  it('a network that cannot be split: one thread by default, an explicit count refused naming the field', () => {
    // TrueNorth neurons draw from one random stream per population
    const tn = net([40_000], 0, 'TrueNorth');
    expect(chooseThreads(tn, { cores: 2, field: 'threads' })).toMatchObject({
      threads: 1,
      reason: 'unsplittable',
    });
    expect(() => chooseThreads(tn, { asked: 2, cores: 2, field: 'threads' })).toThrow(
      /^threads: got 2; population p0 \(TrueNorth\) draws from one random stream per population; allowed: 1$/,
    );
  });

  it('only TOO_LARGE without an explicit count means "one thread instead"', () => {
    const big = new SpikelabError('TOO_LARGE', 'x');
    expect(oneThreadInstead(big, undefined)).toBe(true);
    expect(oneThreadInstead(big, 2)).toBe(false);
    expect(oneThreadInstead(new SpikelabError('INVALID_ARGUMENT', 'x'), undefined)).toBe(false);
  });
});
