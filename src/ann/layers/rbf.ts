/**
 * A layer of Gaussian radial basis units exp(−½‖x − c_j‖²) with learnable
 * centres, initialised from a standard normal (inputs are expected standardised).
 */
import type { Rng } from '../../core/rng.ts';
import { Param, type Tape, type Var } from '../graph.ts';
import { rbf } from '../ops/rbf.ts';
import { zeros } from '../tensor.ts';
import { type Layer, type LayerSpec, use } from './layer.ts';

export class Rbf implements Layer {
  readonly spec: LayerSpec;
  readonly centres: Param;
  readonly params: readonly Param[];

  constructor(
    readonly inputs: number,
    readonly outputs: number,
    rng: Rng,
  ) {
    this.spec = { type: 'rbf', inputs, units: outputs };
    this.centres = new Param('centres', zeros([outputs, inputs]));
    const c = this.centres.value.data;
    for (let i = 0; i < c.length; i++) c[i] = rng.normal();
    this.params = [this.centres];
  }

  forward(x: Var, tape: Tape | null): Var {
    return rbf(x, use(this.centres, tape));
  }
}
