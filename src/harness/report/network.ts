/**
 * The converted network inside a comparison report (optional: `compare`
 * with `includeNetwork`, the CLI's `--include-network`). The network is the
 * network JSON of sim/io (dense layers as `fromMatrix`) with every
 * Float32Array stored as `{ "float32": "<base64>" }`, as model files store
 * weights: the exact bits in ~5.3 characters per value instead of ~11 as
 * decimal text. Beside it, the input of the first test samples, so the
 * network can be rebuilt and shown classifying one of them.
 * Browser-safe (no Node APIs).
 */
import { validateNetworkSpec } from '../../../sim/io/network-json.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { base64ToFloat32, float32ToBase64 } from '../../core/base64.ts';
import { SpikelabError } from '../../core/errors.ts';
import { inputDrive, inputSize, type SpikingClassifier } from '../convert/spiking-classifier.ts';
import { sampleSeed } from '../run/simulate.ts';
import type { SpikingNetworkBlock } from './schema.ts';

/** Test samples whose input the report keeps with the network. */
export const NETWORK_SAMPLES = 10;

/** A copy of `value` with every Float32Array as `{float32: base64}` and other typed arrays as plain arrays. */
export function packArrays(value: unknown): unknown {
  if (value instanceof Float32Array) return { float32: float32ToBase64(value) };
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(packArrays);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, packArrays(v)]));
  return value;
}

function isPacked(v: unknown): v is { float32: string } {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length === 1 &&
    keys[0] === 'float32' &&
    typeof (v as { float32: unknown }).float32 === 'string'
  );
}

/** The inverse of packArrays: packed values become plain number arrays (what the network schema reads). */
export function unpackArrays(value: unknown, where: string): unknown {
  if (isPacked(value)) return Array.from(base64ToFloat32(value.float32, `${where}.float32`));
  if (Array.isArray(value)) return value.map((v, i) => unpackArrays(v, `${where}.${i}`));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, unpackArrays(v, `${where}.${k}`)]),
    );
  return value;
}

/** The report's network block for a converted classifier and the first test samples. */
export function spikingNetworkBlock(
  classifier: SpikingClassifier,
  testX: Float32Array,
  labels: ArrayLike<number>,
  predictions: { ann: ArrayLike<number>; snn: ArrayLike<number> },
  classes: readonly string[],
  seed: number,
  samples = NETWORK_SAMPLES,
): SpikingNetworkBlock {
  const coding = classifier.input;
  const f = coding.features;
  const n = Math.min(samples, labels.length, predictions.snn.length);
  const scratch = new Float32Array(inputSize(coding));
  const ticks = new Int32Array(inputSize(coding));
  return {
    network: packArrays(classifier.spec) as Record<string, unknown>,
    input: { population: coding.population, drive: coding.kind === 'poisson' ? 'rate' : 'iOffset' },
    output: classifier.layers[classifier.layers.length - 1]!,
    classes: [...classes],
    samples: Array.from({ length: n }, (_, s) => {
      const drive = inputDrive(coding, testX.subarray(s * f, (s + 1) * f), scratch, ticks);
      return {
        test: s,
        label: labels[s]!,
        ann: predictions.ann[s]!,
        snn: predictions.snn[s]!,
        seed: sampleSeed(seed, s),
        drive: { float32: float32ToBase64('currents' in drive ? drive.currents : drive.rates) },
      };
    }),
  };
}

/**
 * The network of a report's block with stored sample `k` as its input (and
 * that sample's seed): a NetworkSpec validated by the network format's own
 * schema, ready to build or to write as a network JSON file.
 */
export function networkForSample(
  block: SpikingNetworkBlock,
  k: number,
  where = 'spikingNetwork',
): NetworkSpec {
  const sample = block.samples[k];
  if (!Number.isInteger(k) || sample === undefined) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `${where}.samples: got sample ${k}; allowed: ${block.samples.length ? `0 to ${block.samples.length - 1}` : 'none (the report holds no samples)'}`,
    );
  }
  const spec = validateNetworkSpec(
    unpackArrays(block.network, `${where}.network`),
    `${where}.network`,
  );
  const drive = Array.from(
    base64ToFloat32(sample.drive.float32, `${where}.samples.${k}.drive.float32`),
  );
  const at = spec.populations.findIndex((p) => p.label === block.input.population);
  const pop = spec.populations[at];
  const want = block.input.drive === 'rate' ? 'SpikeSourcePoisson' : 'a neuron model';
  const fits =
    pop !== undefined &&
    (block.input.drive === 'rate'
      ? pop.model === 'SpikeSourcePoisson'
      : pop.model !== 'SpikeSourcePoisson' && pop.model !== 'SpikeSourceArray');
  if (!fits) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.input.population: got ${JSON.stringify(block.input.population)}; allowed: the label of a population of ${want} in the network`,
    );
  }
  if (drive.length !== pop.size) {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}.samples.${k}.drive: ${drive.length} values; allowed: one per neuron of ${pop.label} (${pop.size})`,
    );
  }
  const driven =
    pop.model === 'SpikeSourcePoisson'
      ? { ...pop, params: { ...pop.params, rate: drive } }
      : { ...pop, iOffset: drive };
  const populations = spec.populations.map((p, i) => (i === at ? driven : p));
  return {
    ...spec,
    seed: sample.seed,
    populations,
    meta: { ...spec.meta, testSample: sample.test, label: sample.label },
  };
}
