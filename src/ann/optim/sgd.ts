/**
 * Stochastic gradient descent with momentum and weight decay, in PyTorch's
 * formulation: g ← ∇ + λθ, v ← μv + g, θ ← θ − η·v (plain SGD when μ = 0).
 */
import type { Param } from '../graph.ts';
import { type Optimizer, zeroGrads } from './optimizer.ts';

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
    const { lr, momentum: mu, weightDecay: wd } = this;
    this.params.forEach((p, k) => {
      const w = p.value.data;
      const g = p.grad;
      const v = this.velocity[k]!;
      for (let i = 0; i < w.length; i++) {
        let d = g[i]! + wd * w[i]!;
        if (mu > 0) d = v[i] = mu * v[i]! + d;
        w[i] = w[i]! - lr * d;
      }
    });
    zeroGrads(this.params);
  }
}
