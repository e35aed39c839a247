import { describe, expect, it } from 'vitest';
import { formatJoules } from '../../src/core/format.ts';

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
