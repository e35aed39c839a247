/** A fully connected layer y = f(x·W + b), run as the fused `dense` op. */
import type { Rng } from '../../core/rng.ts';
import type { Param, Tape, Var } from '../graph.ts';
import type { Activation } from '../kernels/activation.ts';
import { dense } from '../ops/dense.ts';
import { affineParams } from './init.ts';
import { type Layer, type LayerSpec, use } from './layer.ts';

export class Dense implements Layer {
  readonly spec: LayerSpec;
  readonly weights: Param;
  readonly bias: Param;
  readonly params: readonly Param[];

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    readonly activation: Activation,
    rng: Rng,
    readonly alpha = 0.01,
  ) {
    this.spec =
      activation === 'leaky-relu'
        ? { type: 'dense', inputs, units: outputs, activation, alpha }
        : { type: 'dense', inputs, units: outputs, activation };
    ({ weights: this.weights, bias: this.bias } = affineParams(
      inputs,
      outputs,
      activation,
      alpha,
      rng,
    ));
    this.params = [this.weights, this.bias];
  }

  forward(x: Var, tape: Tape | null): Var {
    return dense(x, use(this.weights, tape), use(this.bias, tape), this.activation, this.alpha);
  }
}
