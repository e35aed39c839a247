/**
 * What `spikelab export NETWORK` names: a reference model (with --seed, --n,
 * --scale as `simulate` takes them), a network JSON file, a model saved by
 * `train --save` (converted as `compare` converts it, with its test inputs),
 * or a comparison report written with --include-network.
 */
import { readFileSync } from 'node:fs';
import { validateNetworkSpec } from '../../../sim/io/network-json.ts';
import {
  checkReferenceFlags,
  referenceModels,
  referenceNetwork,
} from '../../../sim/models/index.ts';
import { MODEL_FORMAT } from '../../ann/model-io.ts';
import { invalid, SpikelabError } from '../../core/errors.ts';
import { engineSpec, layerLabel } from '../../snn/engine.ts';
import { loadSnnModelText, SNN_MODEL_FORMAT } from '../../snn/model-io.ts';
import { type ClassifierFlags, classifierFromModel, classifierFromReport } from './classifier.ts';
import type { ExportSource } from './types.ts';

export interface SourceFlags extends ClassifierFlags {
  n?: number;
  scale?: number;
  seed?: number;
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${path}: cannot read (${(e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new SpikelabError('INVALID_FILE', `${path}: not valid JSON (${(e as Error).message})`);
  }
}

export function resolveExportSource(target: string, f: SourceFlags): ExportSource {
  const isRef = (referenceModels as readonly string[]).includes(target);
  if (!isRef && !target.toLowerCase().endsWith('.json')) {
    throw invalid(
      'network',
      target,
      `one of ${referenceModels.join(', ')}, or a file ending in .json (network, saved model, or report)`,
      'UNKNOWN_TYPE',
    );
  }
  checkReferenceFlags(target, f);
  const data = isRef ? null : readJson(target);
  const obj = (data ?? {}) as Record<string, unknown>;
  if (obj.format !== MODEL_FORMAT) {
    const isReport = Array.isArray(obj.networks) || typeof obj.dataset === 'string';
    for (const flag of ['samples', 'dataset', 'percentile', 'timesteps', 'encoding'] as const) {
      if (f[flag] !== undefined && !(isReport && flag === 'samples'))
        throw invalid(
          `--${flag}`,
          f[flag],
          'only with a saved model (--samples also with a report)',
        );
    }
  }
  if (isRef) {
    const spec = referenceNetwork(target, {
      ...(f.n !== undefined && { n: f.n }),
      ...(f.scale !== undefined && { scale: f.scale }),
      ...(f.seed !== undefined && { seed: f.seed }),
    });
    return { kind: 'network', name: target, title: `The ${target} reference network`, spec };
  }
  if (obj.format === MODEL_FORMAT) return classifierFromModel(target, f);
  if (obj.format === SNN_MODEL_FORMAT) return snnSource(target, data);
  // reports of version 1 and 2 have no networks list; parseReport upgrades them
  if (Array.isArray(obj.networks) || typeof obj.dataset === 'string')
    return classifierFromReport(target, data, f);
  if (!Array.isArray(obj.populations)) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${target}: neither a network JSON (populations), a saved model (format "${MODEL_FORMAT}") nor a comparison report (networks); allowed: one of these`,
    );
  }
  const spec = validateNetworkSpec(data, target);
  return {
    kind: 'network',
    name: target,
    title: `The network of ${target.split('/').pop()}`,
    spec: f.seed !== undefined ? { ...spec, seed: f.seed } : spec,
  };
}

/**
 * A directly trained spiking network (`train --paradigm snn --save`) as its
 * engine network, every layer one tick after the one before, as in
 * training: spike-coded input enters from a SpikeSourceArray (a NIR Input
 * node); a current-coded first layer keeps its weights and bias as an input
 * layer (x·W + b per sample, a NIR Input and Affine node).
 */
function snnSource(target: string, data: unknown): ExportSource {
  const net = loadSnnModelText(JSON.stringify(data), target).network;
  const title = `The spiking network trained in ${target.split('/').pop()}`;
  if (net.arch.input === 'current') {
    const first = net.layers[0]!;
    return {
      kind: 'network',
      name: target,
      title,
      spec: engineSpec(net),
      inputLayers: [
        {
          population: layerLabel(0, net.layers.length),
          inputs: net.arch.inputs,
          weights: Float32Array.from(first.weights.value.data),
          bias: Float32Array.from(first.bias.value.data),
        },
      ],
    };
  }
  // the input's spike trains are the data, not the network: none here
  const silent = Array.from({ length: net.arch.inputs }, () => []);
  return { kind: 'network', name: target, title, spec: engineSpec(net, silent) };
}
