import { describe, expect, it } from 'vitest';
import { SpikelabError } from '../../src/core/errors.ts';
import { finite, integer, oneOf, parse, positive, z } from '../../src/core/schema.ts';

const params = z.strictObject({
  tauM: positive('ms'),
  vRest: finite('mV'),
  model: oneOf(['lif', 'if']),
  n: integer(1),
  inner: z.strictObject({ w: finite() }).optional(),
});

describe('parse', () => {
  it('returns the value when valid', () => {
    expect(parse(params, { tauM: 20, vRest: -65, model: 'lif', n: 3 })).toEqual({
      tauM: 20,
      vRest: -65,
      model: 'lif',
      n: 3,
    });
  });

  it('names the field, the value and what is allowed', () => {
    expect(() => parse(params, { tauM: -5, vRest: -65, model: 'lif', n: 3 }, 'neuron')).toThrow(
      'neuron.tauM: got -5; allowed: a finite number > 0 (ms)',
    );
    expect(() => parse(params, { tauM: 5, vRest: Number.NaN, model: 'lif', n: 3 })).toThrow(
      'vRest: got NaN; allowed: a finite number (mV)',
    );
    expect(() => parse(params, { tauM: 5, vRest: 0, model: 'hh', n: 3 })).toThrow(
      'model: got "hh"; allowed: one of lif, if',
    );
    expect(() => parse(params, { tauM: 5, vRest: 0, model: 'if', n: 2.5 })).toThrow(
      'n: got 2.5; allowed: an integer ≥ 1',
    );
  });

  it('lists the allowed fields for an unknown one, even nested', () => {
    expect(() =>
      parse(params, { tauM: 5, vRest: 0, model: 'if', n: 1, inner: { w: 1, x: 2 } }),
    ).toThrow('inner: unknown field "x"; allowed fields: w');
  });

  it('reports a missing field and counts further problems', () => {
    try {
      parse(params, { vRest: 'a' }, 'cfg');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpikelabError);
      expect((e as SpikelabError).code).toBe('INVALID_ARGUMENT');
      expect((e as Error).message).toMatch(
        /^cfg\.tauM: missing; expected number \(and 3 more problems\)$/,
      );
    }
  });
});
