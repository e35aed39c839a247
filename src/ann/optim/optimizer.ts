/** An optimiser updates its parameters from their accumulated gradients and then zeroes them. */
import type { Param } from '../graph.ts';

export interface Optimizer {
  readonly name: string;
  /** Learning rate; a training loop may change it between steps (schedules). */
  lr: number;
  readonly params: readonly Param[];
  step(): void;
}

export function zeroGrads(params: readonly Param[]): void {
  for (const p of params) p.grad.fill(0);
}
