import { describe, expect, it } from 'vitest';
import { formatJoules, formatSeconds } from '../../src/core/format.ts';

describe('formatJoules', () => {
  it('three significant digits under the largest SI prefix not above the value (1 mJ = 1e-3 J)', () => {
    expect(formatJoules(0)).toBe('0 J');
    expect(formatJoules(1.5)).toBe('1.50 J');
    expect(formatJoules(0.00123)).toBe('1.23 mJ');
    expect(formatJoules(0.848)).toBe('848 mJ');
    expect(formatJoules(6.69e-6)).toBe('6.69 µJ');
    expect(formatJoules(2.91e-8)).toBe('29.1 nJ');
    expect(formatJoules(4.6e-12)).toBe('4.60 pJ');
    expect(formatJoules(3e-15)).toBe('3.00 fJ');
  });
});

describe('formatSeconds', () => {
  it('three significant digits in s, ms, µs or ns: 103 ticks of 1 ms, a Loihi inference, a roofline', () => {
    expect(formatSeconds(0)).toBe('0 s');
    expect(formatSeconds(0.103)).toBe('103 ms');
    expect(formatSeconds(0.00215)).toBe('2.15 ms');
    expect(formatSeconds(8.02e-7)).toBe('802 ns');
    expect(formatSeconds(6.28e-6)).toBe('6.28 µs');
    expect(formatSeconds(12.5)).toBe('12.5 s');
  });
});
