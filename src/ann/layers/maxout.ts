/** A maxout layer (Goodfellow et al. 2013): k affine pieces per unit, the maximum taken. */
import type { Rng } from '../../core/rng.ts';
import type { Param, Tape, Var } from '../graph.ts';
import { dense } from '../ops/dense.ts';
import { maxout } from '../ops/maxout.ts';
import { affineParams } from './init.ts';
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
    // k pieces per unit; Glorot's fan-out counts the units, not the pieces
    ({ weights: this.weights, bias: this.bias } = affineParams(
      inputs,
      outputs * k,
      'identity',
      0,
      rng,
      outputs,
    ));
    this.params = [this.weights, this.bias];
  }

  forward(x: Var, tape: Tape | null): Var {
    return maxout(dense(x, use(this.weights, tape), use(this.bias, tape)), this.k);
  }
}
