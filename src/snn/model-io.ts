/**
 * Save and load a directly trained spiking network as versioned JSON: its
 * settings (neurons, surrogate, encoding, training), the data set's facts
 * and the weights as base64 float32, so a round trip is bit-exact. Loading
 * validates every field, and each weight's shape against the architecture
 * the settings define: a tampered shape is refused by name.
 */

import { Param } from '../ann/graph.ts';
import { showShape, zeros } from '../ann/tensor.ts';
import { base64ToFloat32, float32ToBase64 } from '../core/base64.ts';
import { SpikelabError } from '../core/errors.ts';
import { integer, parse, z } from '../core/schema.ts';
import { SNN_LOSSES } from './losses.ts';
import { NEURONS, READOUTS, type SnnLayer, SnnNetwork } from './network.ts';
import { SNN_ENCODINGS, SNN_OPTIMIZERS, type SnnSettings } from './settings.ts';
import { SURROGATES } from './surrogate.ts';
import { architectureOf } from './trainer.ts';

export const SNN_MODEL_FORMAT = 'spikelab-snn-model';
export const SNN_MODEL_SCHEMA_VERSION = 1;

const decayField = z.number().gt(0).max(1);

/** The settings of a spiking network and its training, as the CLI and model files check them. */
export const snnSettingsSchema = z.strictObject({
  hidden: z.array(integer(1, 100000)).min(1).max(8),
  neuron: z.enum(NEURONS),
  beta: decayField,
  alpha: z.number().min(0).max(1),
  threshold: z.number().gt(0).max(1e6),
  reset: z.enum(['subtract', 'zero']),
  recurrent: z.boolean(),
  readout: z.enum(READOUTS),
  surrogate: z.enum(SURROGATES),
  slope: z.number().gt(0).max(1e6),
  ticks: integer(1, 100000),
  encoding: z.enum(SNN_ENCODINGS),
  gain: z.number().gt(0).max(1e6),
  loss: z.enum(SNN_LOSSES),
  countPenalty: z.number().min(0).max(1e6),
  optimizer: z.enum(SNN_OPTIMIZERS),
  lr: z.number().gt(0).max(10),
  epochs: integer(1, 100000),
  batch: integer(1, 65536),
});

const paramSchema = z.strictObject({ shape: z.array(integer(0, 1e9)), float32: z.string() });
const fileSchema = z.strictObject({
  format: z.literal(SNN_MODEL_FORMAT),
  schemaVersion: z.literal(SNN_MODEL_SCHEMA_VERSION),
  inputs: integer(1, 1e7),
  classes: z.array(z.string()).min(2),
  settings: snnSettingsSchema,
  layers: z.array(
    z.strictObject({
      weights: paramSchema,
      bias: paramSchema,
      recurrent: paramSchema.optional(),
    }),
  ),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export interface SnnModel {
  network: SnnNetwork;
  settings: SnnSettings;
  classes: string[];
  meta: Record<string, unknown>;
}

const stored = (p: Param) => ({
  shape: [...p.value.shape],
  float32: float32ToBase64(p.value.data),
});

export function saveSnnModelText(m: SnnModel): string {
  const file = {
    format: SNN_MODEL_FORMAT,
    schemaVersion: SNN_MODEL_SCHEMA_VERSION,
    inputs: m.network.arch.inputs,
    classes: m.classes,
    settings: m.settings,
    layers: m.network.layers.map((l) => ({
      weights: stored(l.weights),
      bias: stored(l.bias),
      ...(l.recurrent ? { recurrent: stored(l.recurrent) } : {}),
    })),
    meta: m.meta,
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}

function restore(
  field: string,
  s: { shape: number[]; float32: string } | undefined,
  want: number[],
  name: string,
): Param {
  if (!s) throw new SpikelabError('INVALID_FILE', `${field}: missing; allowed: ${showShape(want)}`);
  if (s.shape.length !== want.length || s.shape.some((d, j) => d !== want[j]))
    throw new SpikelabError(
      'INVALID_FILE',
      `${field}.shape: got ${showShape(s.shape)}; allowed: ${showShape(want)} (from the settings)`,
    );
  const values = base64ToFloat32(s.float32, `${field}.float32`);
  const p = new Param(name, zeros(want));
  if (values.length !== p.size)
    throw new SpikelabError(
      'INVALID_FILE',
      `${field}.float32: ${values.length} values; allowed: ${p.size}`,
    );
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0)
    throw new SpikelabError(
      'NOT_FINITE',
      `${field}[${bad}]: got ${values[bad]}; allowed: a finite number`,
    );
  p.value.data.set(values);
  return p;
}

export function loadSnnModelText(text: string, where = 'model'): SnnModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${where}: not JSON (${(e as Error).message})`);
  }
  const file = parse(fileSchema, json, where, 'INVALID_FILE');
  const arch = architectureOf(file.settings, file.inputs, file.classes.length);
  const sizes = [arch.inputs, ...arch.hidden, arch.classes];
  if (file.layers.length !== sizes.length - 1)
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.layers: ${file.layers.length} layers; allowed: ${sizes.length - 1} (from the settings)`,
    );
  const layers: SnnLayer[] = file.layers.map((l, i) => {
    const f = `${where}.layers.${i}`;
    const n = sizes[i + 1]!;
    const hidden = i + 1 < file.layers.length;
    const recurrent = arch.recurrent && hidden;
    if (!recurrent && l.recurrent)
      throw new SpikelabError(
        'INVALID_FILE',
        `${f}.recurrent: present; allowed: none (not a recurrent layer)`,
      );
    return {
      weights: restore(`${f}.weights`, l.weights, [sizes[i]!, n], `layer${i}.weights`),
      bias: restore(`${f}.bias`, l.bias, [n], `layer${i}.bias`),
      recurrent: recurrent
        ? restore(`${f}.recurrent`, l.recurrent, [n, n], `layer${i}.recurrent`)
        : null,
    };
  });
  return {
    network: new SnnNetwork(arch, layers),
    settings: file.settings,
    classes: file.classes,
    meta: file.meta ?? {},
  };
}
