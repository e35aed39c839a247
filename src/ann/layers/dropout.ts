/** Dropout between layers: active while training (on a tape), the identity at inference. */
import type { Rng } from '../../core/rng.ts';
import type { Param, Tape, Var } from '../graph.ts';
import { dropout } from '../ops/dropout.ts';
import type { Layer, LayerSpec } from './layer.ts';

export class Dropout implements Layer {
  readonly spec: LayerSpec;
  readonly outputs: number;
  readonly params: readonly Param[] = [];

  constructor(
    readonly inputs: number,
    readonly rate: number,
    private readonly rng: Rng,
  ) {
    this.outputs = inputs;
    this.spec = { type: 'dropout', inputs, units: inputs, rate };
  }

  forward(x: Var, tape: Tape | null): Var {
    return tape ? dropout(x, this.rate, this.rng) : x;
  }
}
