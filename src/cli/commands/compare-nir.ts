/**
 * `compare --model FILE.nir`: the comparison trains (or is given) its rate
 * network as usual, and the network of the NIR file runs beside the
 * conversion as one more spiking classifier (`nir`), on the same test
 * samples, with the comparison's encoding (current or poisson), one step
 * per 1 ms tick, and the dynamics discretised at --dt (or the file's dt).
 */
import { basename } from 'node:path';
import type { NirIntegrator } from '../../../sim/io/nir/index.ts';
import type { Dataset } from '../../data/dataset.ts';
import type { SpikingContender } from '../../harness/compare.ts';
import { DEFAULT_MAX_RATE_HZ } from '../../harness/convert/convert.ts';
import { nirClassifier } from '../../harness/convert/nir-classifier.ts';
import type { EncodingName } from '../../harness/convert/spiking-classifier.ts';
import { nirNetwork } from './nir-network.ts';

export interface NirCompareFlags {
  model?: string;
  dt?: number;
  integrator?: NirIntegrator;
  encoding?: string;
  maxRate?: number;
}

export async function nirContender(
  flags: NirCompareFlags,
  dataset: Dataset,
): Promise<SpikingContender> {
  const path = flags.model!;
  const encoding = (flags.encoding ?? 'current') as EncodingName;
  const features = dataset.features;
  const net = await nirNetwork(path, {
    ...(flags.dt !== undefined && { dt: flags.dt }),
    ...(flags.integrator && { integrator: flags.integrator }),
    ...(encoding === 'current' && { inputCurrent: new Array(features).fill(0) }),
    tickMs: 1,
  });
  let largest = 0;
  for (const v of dataset.x) largest = Math.max(largest, Math.abs(v));
  const classifier = nirClassifier(path, net, {
    features,
    encoding,
    gain: largest > 0 ? 1 / largest : 1,
    maxRateHz: flags.maxRate ?? DEFAULT_MAX_RATE_HZ,
  });
  return {
    id: 'nir',
    label: `NIR file ${basename(path)}`,
    classifier,
    description: `${classifier.layerSizes.join('-')} from NIR ${net.version} at dt ${net.dt * 1000} ms (${net.integrator}), ${encoding} input`,
  };
}
