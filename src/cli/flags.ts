/**
 * Parsers for option values. Each throws commander's InvalidArgumentError with
 * the allowed values, so a bad flag ends in one line such as
 *   error: option '--epochs <n>' argument '-3' is invalid. Allowed: an integer ≥ 1.
 * and exit code 2.
 */
import { InvalidArgumentError } from 'commander';

export function intFlag(min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(v) || v < min || v > max) {
      const range =
        max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
      throw new InvalidArgumentError(`Allowed: ${range}.`);
    }
    return v;
  };
}

export function floatFlag(min = -Infinity, max = Infinity, opts: { exclusiveMin?: boolean } = {}) {
  return (raw: string): number => {
    const v = Number(raw);
    const belowMin = opts.exclusiveMin ? v <= min : v < min;
    if (raw.trim() === '' || !Number.isFinite(v) || belowMin || v > max) {
      const lo = min === -Infinity ? '' : `${opts.exclusiveMin ? '>' : '≥'} ${min}`;
      const hi = max === Infinity ? '' : `≤ ${max}`;
      throw new InvalidArgumentError(
        `Allowed: a finite number${lo || hi ? ` ${[lo, hi].filter(Boolean).join(' and ')}` : ''}.`,
      );
    }
    return v;
  };
}

/** A comma-separated list of positive integers, e.g. `--hidden 128,64`. */
export function intListFlag(min = 1) {
  return (raw: string): number[] => {
    const parts = raw.split(',').map((s) => s.trim());
    const parse = intFlag(min);
    try {
      return raw.trim() === '' ? [] : parts.map(parse);
    } catch {
      throw new InvalidArgumentError(`Allowed: comma-separated integers ≥ ${min}, e.g. 128,64.`);
    }
  };
}

/** A comma-separated subset of a fixed list of names. */
export function namesFlag(allowed: readonly string[]) {
  return (raw: string): string[] => {
    const parts = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = parts.find((p) => !allowed.includes(p));
    if (bad !== undefined || parts.length === 0) {
      throw new InvalidArgumentError(`Allowed: a comma-separated list of ${allowed.join(', ')}.`);
    }
    return parts;
  };
}
