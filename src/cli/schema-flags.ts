/**
 * Command-line flags built from the schema fields they fill: the flag
 * syntax and help text from the field's metadata, the choices, the default
 * and its description from the field itself, and values checked by the
 * field's own schema, so a bad value ends in one line naming what the
 * library would allow, e.g.
 *   error: option '--timesteps <T>' argument '0' is invalid. Allowed: an integer in [1, 1000000].
 */
import { InvalidArgumentError, Option } from 'commander';
import type { z } from '../core/schema.ts';
import { type FieldInfo, fieldInfo, fieldProblem } from '../core/schema-fields.ts';

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Text to the value a field takes: numbers parsed strictly, lists split at commas. */
function convert(raw: string, info: FieldInfo): unknown {
  const text = raw.trim();
  const number = (s: string, integer: boolean) => {
    const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
    return pattern.test(s) ? Number(s) : Number.NaN;
  };
  switch (info.type) {
    case 'integer':
      return number(text, true);
    case 'number':
      return number(text, false);
    case 'array': {
      const parts = text === '' ? [] : text.split(',').map((s) => s.trim());
      const t = info.items?.type;
      return t === 'integer' || t === 'number'
        ? parts.map((p) => number(p, t === 'integer'))
        : parts.filter((p) => p !== '');
    }
    default:
      return text;
  }
}

/**
 * The commander option of `schema` (one field of an options schema): its
 * flag defaults to `--kebab-key <value>`; `overrides` replace what the
 * field's metadata says.
 */
export function schemaOption(
  key: string,
  schema: z.ZodType,
  overrides: Partial<Pick<FieldInfo, 'flag' | 'description' | 'defaultDescription'>> = {},
): Option {
  const info = { ...fieldInfo(schema), ...overrides };
  const flag =
    info.flag ?? (info.type === 'boolean' ? `--${kebab(key)}` : `--${kebab(key)} <value>`);
  const option = new Option(flag, info.description ?? '');
  if (info.type === 'boolean') return option.default(info.default ?? false);
  if (info.choices) {
    option.choices(info.choices);
  } else {
    option.argParser((raw: string) => {
      const value = convert(raw, info);
      const problem = fieldProblem(schema, value);
      if (problem !== null) {
        const list = info.type === 'array' ? `comma-separated, ${problem}` : problem;
        throw new InvalidArgumentError(`Allowed: ${list}.`);
      }
      return value;
    });
  }
  if (info.default !== undefined) {
    const shown = Array.isArray(info.default) ? info.default.join(',') : undefined;
    return shown === undefined ? option.default(info.default) : option.default(info.default, shown);
  }
  return option.default(undefined, info.defaultDescription ?? 'not set');
}
