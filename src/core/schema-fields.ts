/**
 * What a field's schema allows, read off the schema itself (zod's JSON
 * Schema export), so that a command-line flag, a web form's input and the
 * library's validation all follow one definition: its type, bounds,
 * choices, default, and the flag and help text kept in its metadata.
 */
import { z } from './schema.ts';

/** Metadata a field may carry for its command-line flag (`schema.meta({...})`). */
export interface FieldMeta {
  /** Commander's flag syntax, e.g. `--timesteps <T>`. */
  readonly flag?: string;
  readonly description?: string;
  /** What the default is when the field has none (`all`, `timesteps / 5`). */
  readonly defaultDescription?: string;
}

export interface FieldInfo extends FieldMeta {
  readonly type: 'integer' | 'number' | 'string' | 'boolean' | 'array' | 'other';
  readonly min?: number;
  readonly max?: number;
  /** True when `min` itself is not allowed. */
  readonly exclusiveMin?: boolean;
  readonly choices?: readonly string[];
  /** Arrays: the type and choices of their items. */
  readonly items?: { readonly type: string; readonly choices?: readonly string[] };
  readonly default?: unknown;
  readonly optional: boolean;
}

interface JsonSchema {
  type?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  enum?: unknown[];
  default?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  flag?: string;
  description?: string;
  defaultDescription?: string;
}

const KNOWN = new Set(['integer', 'number', 'string', 'boolean', 'array']);

/** The field's type, bounds, choices, default and flag metadata. */
export function fieldInfo(schema: z.ZodType): FieldInfo {
  const j = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const type = KNOWN.has(j.type ?? '') ? (j.type as FieldInfo['type']) : 'other';
  const min = j.exclusiveMinimum ?? j.minimum;
  return {
    type,
    ...(min !== undefined ? { min } : {}),
    ...(j.exclusiveMinimum !== undefined ? { exclusiveMin: true } : {}),
    ...(j.maximum !== undefined && j.maximum < Number.MAX_SAFE_INTEGER ? { max: j.maximum } : {}),
    ...(j.enum ? { choices: j.enum.map(String) } : {}),
    ...(j.items
      ? {
          items: {
            type: j.items.type ?? 'other',
            ...(j.items.enum ? { choices: j.items.enum.map(String) } : {}),
          },
        }
      : {}),
    ...(j.default !== undefined ? { default: j.default } : {}),
    ...(j.flag ? { flag: j.flag } : {}),
    ...(j.description ? { description: j.description } : {}),
    ...(j.defaultDescription ? { defaultDescription: j.defaultDescription } : {}),
    optional: schema.safeParse(undefined).success,
  };
}

/**
 * The message a field's schema gives for `value`, or null when it accepts
 * it: spikelab's schemas word their messages as what is allowed.
 */
export function fieldProblem(schema: z.ZodType, value: unknown): string | null {
  const r = schema.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'a valid value');
}
