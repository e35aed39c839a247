/** A maxout layer (Goodfellow et al. 2013): k affine pieces per unit, the maximum taken. */
import type { Rng } from '../../core/rng.ts';
import { Param, type Tape, type Var } from '../graph.ts';
import { dense } from '../ops/dense.ts';
import { maxout } from '../ops/maxout.ts';
import { zeros } from '../tensor.ts';
import { initWeights } from './init.ts';
import { type Layer, type LayerSpec, use } from './layer.ts';

export class Maxout implements Layer {
  readonly spec: LayerSpec;
  readonly weights: Param;
  readonly bias: Param;
  readonly params: readonly Param[];

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    readonly k: number,
    rng: Rng,
  ) {
    this.spec = { type: 'maxout', inputs, units: outputs, k };
    this.weights = new Param('weights', zeros([inputs, outputs * k]));
    this.bias = new Param('bias', zeros([outputs * k]));
    initWeights(this.weights.value.data as Float32Array, inputs, outputs, 'identity', 0, rng);
    this.params = [this.weights, this.bias];
  }

  forward(x: Var, tape: Tape | null): Var {
    return maxout(dense(x, use(this.weights, tape), use(this.bias, tape)), this.k);
  }
}
