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
import { forEachActivation } from '../metrics/activations.ts';
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

/**
 * p-th percentile (0 < p ≤ 100) of `values` with linear interpolation
 * between the two order statistics around rank p/100·(n − 1). Reorders
 * `values` in place: a selection puts the lower one at its sorted position
 * (expected O(n); sorting millions of activations was most of a
 * conversion's time), and the upper one is the least value above it.
 */
export function percentileOf(values: Float32Array, p: number): number {
  const n = values.length;
  if (n === 0) return 0;
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const low = selectKth(values, lo);
  let high = low;
  if (lo + 1 < n) {
    high = values[lo + 1]!;
    for (let i = lo + 2; i < n; i++) if (values[i]! < high) high = values[i]!;
  }
  return low + (high - low) * (rank - lo);
}

/**
 * Rearranges `a` so that a[k] holds the value it would hold sorted, smaller
 * or equal values before it and larger or equal after (Hoare's selection,
 * median-of-three pivots, deterministic). Values must not be NaN.
 */
function selectKth(a: Float32Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // median of three at `mid`, the extremes at the ends as sentinels
    if (a[mid]! < a[left]!) swap(a, mid, left);
    if (a[right]! < a[left]!) swap(a, right, left);
    if (a[right]! < a[mid]!) swap(a, right, mid);
    const pivot = a[mid]!;
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k]!;
}

function swap(a: Float32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
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
