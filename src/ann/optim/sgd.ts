/**
 * Stochastic gradient descent with momentum and weight decay, in PyTorch's
 * formulation: g ← ∇ + λθ, v ← μv + g, θ ← θ − η·v (plain SGD when μ = 0).
 */
import type { Param } from '../graph.ts';
import { sgdUpdate } from '../kernels/optim.ts';
import type { Optimizer } from './optimizer.ts';

export interface SgdOptions {
  lr: number;
  momentum?: number;
  weightDecay?: number;
}

export class Sgd implements Optimizer {
  readonly name = 'sgd';
  lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  private readonly velocity: Float32Array[];

  constructor(
    readonly params: readonly Param[],
    o: SgdOptions,
  ) {
    this.lr = o.lr;
    this.momentum = o.momentum ?? 0;
    this.weightDecay = o.weightDecay ?? 0;
    this.velocity = params.map((p) => new Float32Array(this.momentum > 0 ? p.size : 0));
  }

  step(): void {
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!;
      sgdUpdate(p.value.data, p.grad, this.velocity[k]!, this.lr, this.momentum, this.weightDecay);
    }
  }
}
