/**
 * A spiking network ready to classify: the network spec, how a sample
 * becomes its input, which populations are the layers, and how rates read
 * back as activations. The comparison's spiking stages take only this, so
 * a network trained directly or imported enters the same pipeline as a
 * converted one (compare's `context.contenders`).
 */
import { currentInput } from '../../../sim/encode/current.ts';
import { latencyCurrents, latencyTicks } from '../../../sim/encode/latency.ts';
import { poissonRates } from '../../../sim/encode/rate.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';

export const ENCODINGS = ['current', 'poisson', 'ttfs'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

/** Where a spiking classifier came from: converted from a rate network, trained directly, or read from another tool's file. */
export type SpikingOrigin = 'conversion' | 'surrogate-gradient' | 'import';

export interface InputCoding {
  readonly kind: EncodingName;
  /** Label of the input population (IF neurons for current and ttfs, Poisson sources for poisson). */
  readonly population: string;
  /** Values per sample. */
  readonly features: number;
  /** True when the population has 2·features neurons: max(x, 0) then max(−x, 0). */
  readonly signed: boolean;
  /** Multiplies every value before coding (1/λ of the input). */
  readonly gain: number;
  /** poisson: the rate of a value of 1 (Hz). */
  readonly maxRateHz: number;
  /** ttfs: first spikes fall in ticks 0 .. windowTicks − 1. */
  readonly windowTicks: number;
}

export interface SpikingClassifier {
  readonly origin: SpikingOrigin;
  /** Built at dt = 1 ms: one tick per time step. */
  readonly spec: NetworkSpec;
  readonly input: InputCoding;
  /** Labels of the neuron populations after the input, output last. */
  readonly layers: readonly string[];
  readonly layerSizes: readonly number[];
  /** One output neuron read as "class 1 when positive" (a network trained with binary cross-entropy). */
  readonly binaryOutput: boolean;
  /** Per entry of `layers`: activation ≈ rate (spikes per tick) × rateScale. */
  readonly rateScale: readonly number[];
  /** Ticks per sample it was trained for (a directly trained network); absent: the comparison's --timesteps. */
  readonly timesteps?: number;
}

/** Neurons of the input population. */
export function inputSize(c: InputCoding): number {
  return c.signed ? 2 * c.features : c.features;
}

/** The per-neuron values of one sample: x·gain (and −x·gain for the second half when signed). */
function signedValues(c: InputCoding, x: ArrayLike<number>, out: Float32Array): Float32Array {
  const f = c.features;
  for (let i = 0; i < f; i++) {
    const v = x[i]! * c.gain;
    out[i] = v;
    if (c.signed) out[f + i] = -v;
  }
  return out;
}

/**
 * What the engine needs to present one sample: currents (nA) for the IF
 * input neurons of `current` and `ttfs`, or rates (Hz) for the Poisson
 * sources of `poisson`. `scratch` (length inputSize) avoids allocation.
 */
export function inputDrive(
  c: InputCoding,
  x: ArrayLike<number>,
  scratch: Float32Array,
  ticks: Int32Array,
): { currents: Float32Array } | { rates: Float32Array } {
  const v = signedValues(c, x, scratch);
  switch (c.kind) {
    case 'current':
      return { currents: currentInput(v, 1, v) };
    case 'poisson':
      return { rates: poissonRates(v, c.maxRateHz, 1, v) };
    case 'ttfs':
      return { currents: latencyCurrents(latencyTicks(v, c.windowTicks, 1, ticks), v) };
  }
}
