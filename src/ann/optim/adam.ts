/**
 * Adam (Kingma & Ba 2015) with bias correction; weight decay is added to the
 * gradient (L2, as PyTorch's `Adam(weight_decay=…)`).
 */
import type { Param } from '../graph.ts';
import { AdamSimd, simdAdamAvailable } from '../kernels/adam-wasm.ts';
import { adamUpdate } from '../kernels/optim.ts';
import type { Optimizer } from './optimizer.ts';

export interface AdamOptions {
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay?: number;
}

export class Adam implements Optimizer {
  readonly name = 'adam';
  lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  /** The SIMD update, when every parameter is float32 (same bits as adamUpdate). */
  private readonly simd: AdamSimd | null;

  constructor(
    readonly params: readonly Param[],
    o: AdamOptions = {},
  ) {
    this.lr = o.lr ?? 1e-3;
    this.beta1 = o.beta1 ?? 0.9;
    this.beta2 = o.beta2 ?? 0.999;
    this.eps = o.eps ?? 1e-8;
    this.weightDecay = o.weightDecay ?? 0;
    const float32 = params.every(
      (p) => p.value.data instanceof Float32Array && p.grad instanceof Float32Array,
    );
    this.simd = float32 && simdAdamAvailable() ? new AdamSimd(params.map((p) => p.size)) : null;
    this.m = this.simd ? this.simd.m : params.map((p) => new Float32Array(p.size));
    this.v = this.simd ? this.simd.v : params.map((p) => new Float32Array(p.size));
  }

  step(): void {
    this.t++;
    const { beta1: b1, beta2: b2, eps, weightDecay: wd } = this;
    // bias corrections folded into the step size: η·√(1−β2^t)/(1−β1^t)
    const c1 = 1 - b1 ** this.t;
    const c2 = 1 - b2 ** this.t;
    const stepSize = this.lr / c1;
    const invSqrtC2 = 1 / Math.sqrt(c2);
    for (let k = 0; k < this.params.length; k++) {
      const p = this.params[k]!;
      if (this.simd) {
        const w = p.value.data as Float32Array; // checked in the constructor
        this.simd.update(k, w, p.grad as Float32Array, b1, b2, stepSize, invSqrtC2, eps, wd);
        continue;
      }
      adamUpdate(
        p.value.data,
        p.grad,
        this.m[k]!,
        this.v[k]!,
        b1,
        b2,
        stepSize,
        invSqrtC2,
        eps,
        wd,
      );
    }
  }
}
