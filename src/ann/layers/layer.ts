/** What every layer offers: its parameters, a forward pass on graph values, and a JSON spec. */

import { constant, type Param, type Tape, type Var } from '../graph.ts';
import type { Activation } from '../kernels/activation.ts';

export type LayerSpec =
  | { type: 'dense'; inputs: number; units: number; activation: Activation; alpha?: number }
  | { type: 'maxout'; inputs: number; units: number; k: number }
  | { type: 'rbf'; inputs: number; units: number }
  | { type: 'dropout'; inputs: number; units: number; rate: number };

export interface Layer {
  readonly spec: LayerSpec;
  readonly inputs: number;
  readonly outputs: number;
  /** Trainable tensors in a fixed order (the order of save files and optimiser state). */
  readonly params: readonly Param[];
  /** Forward pass; with a tape, parameters are recorded as leaves and receive gradients. */
  forward(x: Var, tape: Tape | null): Var;
}

/** A parameter as a graph value: a leaf of the tape, or a plain constant on the inference path. */
export function use(p: Param, tape: Tape | null): Var {
  return tape ? tape.param(p) : constant(p.value);
}
