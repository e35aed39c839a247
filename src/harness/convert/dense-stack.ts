/**
 * The part of a rate network that conversion and the operation counts read:
 * its dense layers in order (dropout is the identity at inference and is
 * skipped), each with its weights [inputs × outputs], bias and activation.
 * Conversion to integrate-and-fire neurons needs ReLU hidden layers and a
 * linear output layer; anything else is refused with the reason.
 */
import { Dense } from '../../ann/layers/dense.ts';
import type { Sequential } from '../../ann/model.ts';
import { SpikelabError } from '../../core/errors.ts';

export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** Row-major [inputs × outputs]: row i holds the weights leaving input i. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly activation: string;
  /** The layer itself, for forward passes. */
  readonly layer: Dense;
}

/** The dense layers of a Sequential model; other trainable layers are refused. */
export function denseStack(model: Sequential): DenseLayer[] {
  const out: DenseLayer[] = [];
  model.layers.forEach((l, i) => {
    if (l.spec.type === 'dropout') return;
    if (!(l instanceof Dense)) {
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `layers[${i}]: a ${l.spec.type} layer; allowed: dense and dropout layers`,
      );
    }
    out.push({
      inputs: l.inputs,
      outputs: l.outputs,
      weights: l.weights.value.data as Float32Array,
      bias: l.bias.value.data as Float32Array,
      activation: l.activation,
      layer: l,
    });
  });
  return out;
}

/**
 * Why a network cannot become a rate-coded integrate-and-fire network, or
 * null when it can: firing rates are non-negative and track ReLU, so hidden
 * layers must be ReLU and the output linear (its logits are read as charge).
 */
export function conversionObstacle(stack: readonly DenseLayer[]): string | null {
  for (let l = 0; l < stack.length; l++) {
    const last = l === stack.length - 1;
    const want = last ? 'identity' : 'relu';
    if (stack[l]!.activation !== want) {
      return `layer ${l + 1} has activation ${stack[l]!.activation}; rate-coded integrate-and-fire neurons need relu hidden layers and a linear output`;
    }
  }
  return null;
}
