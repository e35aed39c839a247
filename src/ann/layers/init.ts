/**
 * Seeded weight initialisation suited to the activation that follows:
 * He et al. 2015 (normal, variance 2/((1+α²)·fan-in)) for ReLU and leaky ReLU,
 * whose half-zeroed outputs halve the variance; Glorot & Bengio 2010 (uniform
 * in ±√(6/(fan-in + fan-out))) for the saturating and linear activations.
 */
import type { Rng } from '../../core/rng.ts';
import { Param } from '../graph.ts';
import type { Activation } from '../kernels/activation.ts';
import { zeros } from '../tensor.ts';

export function initWeights(
  w: Float32Array,
  fanIn: number,
  fanOut: number,
  activation: Activation,
  alpha: number,
  rng: Rng,
): void {
  if (activation === 'relu' || activation === 'leaky-relu') {
    const a = activation === 'relu' ? 0 : alpha;
    const sd = Math.sqrt(2 / ((1 + a * a) * fanIn));
    for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, sd);
  } else {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < w.length; i++) w[i] = rng.range(-limit, limit);
  }
}

/** Weights [inputs, outputs] drawn for `activation`, and a zero bias [outputs]. */
export function affineParams(
  inputs: number,
  outputs: number,
  activation: Activation,
  alpha: number,
  rng: Rng,
  fanOut = outputs,
): { weights: Param; bias: Param } {
  const weights = new Param('weights', zeros([inputs, outputs]));
  initWeights(weights.value.data as Float32Array, inputs, fanOut, activation, alpha, rng);
  return { weights, bias: new Param('bias', zeros([outputs])) };
}
