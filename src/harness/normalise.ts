/**
 * Data-based weight normalisation (Diehl et al. 2015, IJCNN; Rueckauer et al.
 * 2017, Front. Neurosci. 11:682): run the rate network on training data and
 * take, for each layer, a scale λ from its positive activations — the
 * maximum (p = 100) or the p-th percentile, which ignores a few outliers and
 * so leaves the bulk of the neurons a larger share of the rate range. The
 * converted layer l then gets weights W·λ(l−1)/λ(l) and bias b/λ(l), so an
 * activation of λ(l) becomes one spike per tick (the highest rate an IF
 * neuron with one spike per tick can have).
 *
 * As in SNN-Toolbox, the percentile is taken over the non-zero activations
 * (ReLU zeros would otherwise dominate) with linear interpolation between
 * order statistics (numpy's default). The input layer's scale comes from
 * |x|, so a signed input split into two channels shares one scale.
 */
import { forEachActivation } from './activations.ts';
import type { DenseLayer } from './dense-stack.ts';

export interface LayerScale {
  /** 0 = the input, then one per dense layer. */
  readonly layer: number;
  /** Largest activation seen. */
  readonly max: number;
  /** p-th percentile of the non-zero activations. */
  readonly percentile: number;
  /** The scale used: the percentile (equal to max for p = 100); 1 when nothing was positive. */
  readonly lambda: number;
  /** Positive activations the statistics were taken over. */
  readonly positive: number;
}

/** Growable Float32Array (doubling), for collecting activations. */
class Values {
  data = new Float32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = v;
  }
}

/** p-th percentile (0 < p ≤ 100) of `values` with linear interpolation; sorts them in place. */
export function percentileOf(values: Float32Array, p: number): number {
  if (values.length === 0) return 0;
  values.sort();
  const rank = (p / 100) * (values.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(values.length - 1, lo + 1);
  return values[lo]! + (values[hi]! - values[lo]!) * (rank - lo);
}

/** Per-layer scales from the activations of n training samples. */
export function layerScales(
  stack: readonly DenseLayer[],
  x: Float32Array,
  n: number,
  p: number,
): LayerScale[] {
  const collected = Array.from({ length: stack.length + 1 }, () => new Values());
  forEachActivation(stack, x, n, (l, _start, rows, v) => {
    const width = l === 0 ? stack[0]!.inputs : stack[l - 1]!.outputs;
    const c = collected[l]!;
    const m = rows * width;
    for (let i = 0; i < m; i++) {
      const a = l === 0 ? Math.abs(v[i]!) : v[i]!;
      if (a > 0) c.push(a);
    }
  });
  return collected.map((c, layer) => {
    const values = c.data.subarray(0, c.length);
    let max = 0;
    for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
    const pct = p >= 100 ? max : percentileOf(values, p);
    return {
      layer,
      max,
      percentile: pct,
      lambda: pct > 0 ? pct : 1,
      positive: values.length,
    };
  });
}
