/**
 * Validation of everything a user hands in (CLI flags, JSON files, web forms,
 * options objects of the public API), at the edge and once. Schemas are zod 4;
 * this module turns zod's issues into one SpikelabError whose message names the
 * field, the value received and what is allowed:
 *
 *   network.populations.0.params.tauM: got -5; allowed: a number > 0 (ms)
 */

import { z } from 'zod';
import { SpikelabError, showValue } from './errors.ts';

export { z };

function unitSuffix(unit?: string): string {
  return unit ? ` (${unit})` : '';
}

/** zod params whose error message is the "allowed" text, whatever the failure. */
function allowed(text: string) {
  return { error: () => text };
}

/** A finite number (NaN and ±Infinity rejected). */
export function finite(unit?: string) {
  return z.number(allowed(`a finite number${unitSuffix(unit)}`));
}

/** A finite number > 0: time constants, capacitances, rates of change. */
export function positive(unit?: string) {
  const t = `a finite number > 0${unitSuffix(unit)}`;
  return z.number(allowed(t)).positive(allowed(t));
}

/** A finite number ≥ 0. */
export function nonNegative(unit?: string) {
  const t = `a finite number ≥ 0${unitSuffix(unit)}`;
  return z.number(allowed(t)).nonnegative(allowed(t));
}

/** A finite number in [low, high]. */
export function inRange(low: number, high: number, unit?: string) {
  const t = `a number in [${low}, ${high}]${unitSuffix(unit)}`;
  return z.number(allowed(t)).min(low, allowed(t)).max(high, allowed(t));
}

/** A whole number in [low, high] (high defaults to the largest safe integer). */
export function integer(low = 0, high = Number.MAX_SAFE_INTEGER) {
  const t =
    high === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${low}` : `an integer in [${low}, ${high}]`;
  return z.number(allowed(t)).int(allowed(t)).min(low, allowed(t)).max(high, allowed(t));
}

/** One of a fixed list of names; the error lists them all. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, allowed(`one of ${values.join(', ')}`));
}

/** A seed: a non-negative safe integer. */
export function seed() {
  return integer(0);
}

type Path = readonly PropertyKey[];

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Best effort: the object schema at a path, to list the allowed keys of an unknown field. */
function objectKeysAt(schema: z.ZodType, path: Path): string[] | undefined {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    let cur = x as { unwrap?: () => unknown; _zod?: { def?: { innerType?: unknown } } };
    for (let i = 0; i < 8; i++) {
      const inner = cur?._zod?.def?.innerType;
      if (inner) cur = inner as typeof cur;
      else break;
    }
    return cur;
  };
  for (const key of path) {
    s = unwrap(s);
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, unknown>)[String(key)];
    else if (s instanceof z.ZodArray) s = s.element;
    else if (s instanceof z.ZodRecord) s = s.valueType;
    else return undefined;
  }
  s = unwrap(s);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : undefined;
}

function fieldName(where: string, path: Path): string {
  const p = path.map(String).join('.');
  if (!where) return p || '(input)';
  return p ? `${where}.${p}` : where;
}

function describeIssue(
  schema: z.ZodType,
  input: unknown,
  where: string,
  issue: z.core.$ZodIssue,
): string {
  const field = fieldName(where, issue.path as Path);
  if (issue.code === 'unrecognized_keys') {
    const keys = objectKeysAt(schema, issue.path as Path);
    const names = issue.keys.map((k) => JSON.stringify(k)).join(', ');
    return `${field}: unknown field ${names}${keys ? `; allowed fields: ${keys.join(', ')}` : ''}`;
  }
  const value = valueAt(input, issue.path as Path);
  let allowedText = issue.message;
  if (issue.code === 'invalid_value' && allowedText.startsWith('Invalid option')) {
    allowedText = `one of ${issue.values.map(String).join(', ')}`;
  } else if (issue.code === 'invalid_type' && value === undefined) {
    return `${field}: missing; expected ${issue.expected}`;
  }
  return `${field}: got ${showValue(value)}; allowed: ${allowedText}`;
}

/**
 * Parses input with a schema or throws one SpikelabError (code INVALID_ARGUMENT,
 * or INVALID_FILE when `code` says so) naming the first problem and counting the rest.
 */
export function parse<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where = '',
  code: 'INVALID_ARGUMENT' | 'INVALID_FILE' = 'INVALID_ARGUMENT',
): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues;
  const first = describeIssue(schema, input, where, issues[0]!);
  const more =
    issues.length > 1
      ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})`
      : '';
  throw new SpikelabError(code, first + more);
}

/** Every problem, one per line (for file validation reports). */
export function listProblems(schema: z.ZodType, input: unknown, where = ''): string[] {
  const r = schema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => describeIssue(schema, input, where, i));
}
