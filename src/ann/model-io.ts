/**
 * Save and load a Sequential model as versioned JSON. Weights are stored as
 * base64 of their float32 bytes, so a round trip is bit-exact. Loading
 * validates everything (format, version, layer specs, shapes, finite weights)
 * and names the field at fault.
 */
import { base64ToFloat32, float32ToBase64 } from '../core/base64.ts';
import { SpikelabError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { integer, parse, z } from '../core/schema.ts';
import { ACTIVATIONS } from './kernels/activation.ts';
import type { LayerSpec } from './layers/layer.ts';
import { buildLayer, Sequential } from './model.ts';
import { showShape } from './tensor.ts';

export const MODEL_FORMAT = 'spikelab-model';
export const MODEL_SCHEMA_VERSION = 1;

const units = integer(1, 1e7);
const paramSchema = z.strictObject({
  shape: z.array(integer(0, 1e9)),
  float32: z.string(),
});
const layerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('dense'),
    inputs: units,
    units,
    activation: z.enum(ACTIVATIONS),
    alpha: z.number().min(0).max(1).optional(),
    params: z.record(z.string(), paramSchema),
  }),
  z.strictObject({
    type: z.literal('maxout'),
    inputs: units,
    units,
    k: integer(1, 64),
    params: z.record(z.string(), paramSchema),
  }),
  z.strictObject({
    type: z.literal('rbf'),
    inputs: units,
    units,
    params: z.record(z.string(), paramSchema),
  }),
  z.strictObject({
    type: z.literal('dropout'),
    inputs: units,
    units,
    rate: z.number().min(0).max(0.99),
    params: z.record(z.string(), paramSchema),
  }),
]);
const fileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
  layers: z.array(layerSchema).min(1),
  /** Free-form facts about how the model was trained (dataset, classes, input scaling). */
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type ModelFile = z.infer<typeof fileSchema>;

export function modelToJson(model: Sequential, meta?: Record<string, unknown>): ModelFile {
  const file: ModelFile = {
    format: MODEL_FORMAT,
    schemaVersion: MODEL_SCHEMA_VERSION,
    layers: model.layers.map((layer) => ({
      ...layer.spec,
      params: Object.fromEntries(
        layer.params.map((p) => [
          p.name,
          { shape: [...p.value.shape], float32: float32ToBase64(p.value.data) },
        ]),
      ),
    })),
  };
  if (meta) file.meta = meta;
  return file;
}

export function saveModelText(model: Sequential, meta?: Record<string, unknown>): string {
  return `${JSON.stringify(modelToJson(model, meta), null, 1)}\n`;
}

/** Rebuilds a model from a parsed file (any JSON value: it is validated here). */
export function modelFromJson(
  input: unknown,
  where = 'model',
): { model: Sequential; meta: Record<string, unknown> } {
  if (
    input !== null &&
    typeof input === 'object' &&
    'schemaVersion' in input &&
    input.schemaVersion !== MODEL_SCHEMA_VERSION
  ) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.schemaVersion: got ${JSON.stringify(input.schemaVersion)}; allowed: ${MODEL_SCHEMA_VERSION} (this version of spikelab)`,
    );
  }
  const file = parse(fileSchema, input, where, 'INVALID_FILE');
  const layers = file.layers.map((spec, i) => {
    const { params, ...rest } = spec;
    const layer = buildLayer(rest as LayerSpec, new Rng(0));
    for (const p of layer.params) {
      const field = `${where}.layers.${i}.params.${p.name}`;
      const stored = params[p.name];
      if (!stored) throw new SpikelabError('INVALID_FILE', `${field}: missing`);
      const want = p.value.shape;
      if (stored.shape.length !== want.length || stored.shape.some((d, j) => d !== want[j])) {
        throw new SpikelabError(
          'INVALID_FILE',
          `${field}.shape: got ${showShape(stored.shape)}; allowed: ${showShape(want)}`,
        );
      }
      const values = base64ToFloat32(stored.float32, `${field}.float32`);
      if (values.length !== p.size) {
        throw new SpikelabError(
          'INVALID_FILE',
          `${field}.float32: ${values.length} values; allowed: ${p.size}`,
        );
      }
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new SpikelabError(
          'NOT_FINITE',
          `${field}[${bad}]: got ${values[bad]}; allowed: a finite number`,
        );
      }
      p.value.data.set(values);
    }
    const extra = Object.keys(params).filter((k) => !layer.params.some((p) => p.name === k));
    if (extra.length > 0) {
      throw new SpikelabError(
        'INVALID_FILE',
        `${where}.layers.${i}.params: unknown ${extra.join(', ')}; allowed: ${layer.params.map((p) => p.name).join(', ')}`,
      );
    }
    return layer;
  });
  return { model: new Sequential(layers), meta: file.meta ?? {} };
}

export function loadModelText(
  text: string,
  where = 'model',
): { model: Sequential; meta: Record<string, unknown> } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: not JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  return modelFromJson(json, where);
}
