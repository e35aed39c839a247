/**
 * The one error type of spikelab. Every error a user can cause carries a code
 * and a message that names the field, the bad value and what is allowed, e.g.
 * `tauM: got -5; allowed: a finite number > 0 (ms)`.
 */

export type ErrorCode =
  /** A parameter, flag or option outside its allowed values. */
  | 'INVALID_ARGUMENT'
  /** A file that cannot be read or does not follow its format. */
  | 'INVALID_FILE'
  /** Arrays whose shapes do not agree. */
  | 'SHAPE_MISMATCH'
  /** NaN or ±Infinity where a finite number is required. */
  | 'NOT_FINITE'
  /** A model, neuron type, dataset or platform name that does not exist. */
  | 'UNKNOWN_TYPE'
  /** A network or dataset too large for the memory budget (raised before allocating). */
  | 'TOO_LARGE'
  /** A constraint of a hardware platform that a network violates. */
  | 'CONSTRAINT_VIOLATION'
  /** An operation that has no meaning for this input (e.g. a spiking readout of a regression). */
  | 'NOT_APPLICABLE'
  /** The run was cancelled by its caller. */
  | 'CANCELLED';

export class SpikelabError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SpikelabError';
    this.code = code;
  }
}

/** Short, single-line rendering of a value for an error message. */
export function showValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name}(${(value as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return typeof value;
  }
}

/** `field: got <value>; allowed: <allowed>` as a SpikelabError. */
export function invalid(
  field: string,
  value: unknown,
  allowed: string,
  code: ErrorCode = 'INVALID_ARGUMENT',
): SpikelabError {
  return new SpikelabError(code, `${field}: got ${showValue(value)}; allowed: ${allowed}`);
}

/** Unknown name among a fixed set: lists every allowed name. */
export function unknownName(
  field: string,
  value: unknown,
  allowed: readonly string[],
): SpikelabError {
  return invalid(field, value, `one of ${allowed.join(', ')}`, 'UNKNOWN_TYPE');
}

export function isSpikelabError(e: unknown): e is SpikelabError {
  return e instanceof SpikelabError;
}
