/**
 * ANN → SNN conversion (Diehl et al. 2015; Rueckauer et al. 2017): the same
 * topology with non-leaky integrate-and-fire neurons (θ = 1 mV, reset by
 * subtraction, at most one spike per tick), weights and biases normalised
 * layer by layer from activations on training data, biases as constant
 * input currents, one tick of delay per layer. An activation a of layer l
 * becomes a rate of a/λ(l) spikes per tick.
 *
 * Inputs with negative values (standardised features) are split into two
 * channels, max(x, 0) with weights W and max(−x, 0) with weights −W, so the
 * first layer still receives W·x: a rate cannot be negative.
 */
import type { NetworkSpec, PopulationSpec, ProjectionSpec } from '../../../sim/network/spec.ts';
import { SpikelabError } from '../../core/errors.ts';
import { conversionObstacle, type DenseLayer } from './dense-stack.ts';
import { type LayerScale, layerScales } from './normalise.ts';
import type { EncodingName, InputCoding, SpikingClassifier } from './spiking-classifier.ts';

export interface ConversionOptions {
  /** Percentile of the positive activations that becomes one spike per tick (100 = the maximum). Default 99.9. */
  percentile?: number;
  encoding?: EncodingName;
  /** poisson: rate of an input at its scale λ(0) (Hz); default 1000, one spike per tick at dt 1 ms. */
  maxRateHz?: number;
  /** Simulation length the network is converted for (ttfs needs it); default 100. */
  timesteps?: number;
  /** ttfs: first spikes fall in ticks 0 .. window − 1; default timesteps / 5. */
  windowTicks?: number;
}

export interface Conversion {
  readonly classifier: SpikingClassifier;
  readonly percentile: number;
  readonly scales: readonly LayerScale[];
  /** ttfs: charge factor of the single input spike (see ttfsGain); 1 otherwise. */
  readonly inputSpikeGain: number;
}

export const DEFAULT_PERCENTILE = 99.9;
export const DEFAULT_MAX_RATE_HZ = 1000;
const IF_PARAMS = { vThresh: 1, vReset: 0, cm: 1, tauRefrac: 0 };
/** Refractory period of a one-shot latency input neuron: longer than any run. */
const ONE_SHOT_MS = 1e9;

function hasNegative(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i]! < 0) return true;
  return false;
}

/**
 * A latency-coded input fires once instead of at rate x for T ticks. So that
 * the first layer receives on average the charge it would under rate coding,
 * each input spike carries T × (mean non-zero scaled input) times the weight:
 * the first layer then sees the network applied to inputs that are either 0
 * or that mean (the intensity survives only in the order of arrival).
 */
function ttfsGain(x: Float32Array, inputLambda: number, timesteps: number): number {
  let sum = 0;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.min(1, Math.abs(x[i]!) / inputLambda);
    if (v > 0) {
      sum += v;
      m++;
    }
  }
  return timesteps * (m > 0 ? sum / m : 1);
}

export function convertToSpiking(
  stack: readonly DenseLayer[],
  train: { x: Float32Array; n: number },
  options: ConversionOptions = {},
): Conversion {
  const obstacle = conversionObstacle(stack);
  if (obstacle !== null) throw new SpikelabError('NOT_APPLICABLE', obstacle);
  const percentile = options.percentile ?? DEFAULT_PERCENTILE;
  const encoding = options.encoding ?? 'current';
  const timesteps = options.timesteps ?? 100;
  const scales = layerScales(stack, train.x, train.n, percentile);
  const lambda = scales.map((s) => s.lambda);
  const features = stack[0]!.inputs;
  const signed = hasNegative(train.x);
  const input: InputCoding = {
    kind: encoding,
    population: 'input',
    features,
    signed,
    gain: 1 / lambda[0]!,
    maxRateHz: options.maxRateHz ?? DEFAULT_MAX_RATE_HZ,
    windowTicks: options.windowTicks ?? Math.max(1, Math.round(timesteps / 5)),
  };
  const inputSpikeGain = encoding === 'ttfs' ? ttfsGain(train.x, lambda[0]!, timesteps) : 1;
  const inputN = signed ? 2 * features : features;
  const populations: PopulationSpec[] = [
    encoding === 'poisson'
      ? { label: 'input', size: inputN, model: 'SpikeSourcePoisson', params: { rate: 0 } }
      : {
          label: 'input',
          size: inputN,
          model: 'IF_nonleaky',
          params: encoding === 'ttfs' ? { ...IF_PARAMS, tauRefrac: ONE_SHOT_MS } : IF_PARAMS,
        },
  ];
  const projections: ProjectionSpec[] = [];
  const layers: string[] = [];
  stack.forEach((d, l) => {
    const label = l === stack.length - 1 ? 'output' : `hidden${l + 1}`;
    const scale = lambda[l]! / lambda[l + 1]!;
    const gain = l === 0 ? scale * inputSpikeGain : scale;
    const preN = l === 0 ? inputN : d.inputs;
    const w = new Float32Array(preN * d.outputs);
    for (let i = 0; i < d.inputs * d.outputs; i++) w[i] = d.weights[i]! * gain;
    if (l === 0 && signed)
      for (let i = 0; i < d.inputs * d.outputs; i++) w[d.inputs * d.outputs + i] = -w[i]!;
    populations.push({
      label,
      size: d.outputs,
      model: 'IF_nonleaky',
      params: IF_PARAMS,
      iOffset: Float32Array.from(d.bias, (b) => b / lambda[l + 1]!),
    });
    projections.push({
      label: `${l === 0 ? 'input' : layers[l - 1]!}→${label}`,
      pre: l === 0 ? 'input' : layers[l - 1]!,
      post: label,
      connector: { type: 'fromMatrix', weights: w },
      delay: 1,
      receptor: 'excitatory',
    });
    layers.push(label);
  });
  const spec: NetworkSpec = {
    schemaVersion: 1,
    dt: 1,
    seed: 0,
    populations,
    projections,
    meta: { model: 'converted', percentile, encoding },
  };
  return {
    classifier: {
      origin: 'conversion',
      spec,
      input,
      layers,
      layerSizes: stack.map((d) => d.outputs),
      binaryOutput: stack[stack.length - 1]!.outputs === 1,
      rateScale: lambda.slice(1),
    },
    percentile,
    scales,
    inputSpikeGain,
  };
}
