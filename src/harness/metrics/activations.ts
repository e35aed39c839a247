/**
 * Layer-by-layer forward passes of a dense stack: the activations of every
 * layer for a block of samples, handed to a visitor chunk by chunk, so that
 * normalisation statistics and per-layer diagnostics never hold all samples'
 * activations of a large set at once.
 */
import { constant } from '../../ann/graph.ts';
import type { DenseLayer } from '../convert/dense-stack.ts';

/**
 * Calls `visit(layer, start, rows, values)` for each layer l (0 = the input
 * itself, 1.. = the dense layers' outputs), `rows` samples from `start` at a
 * time; `values` is rows × width, row-major, valid during the call only.
 */
export function forEachActivation(
  stack: readonly DenseLayer[],
  x: Float32Array,
  n: number,
  visit: (layer: number, start: number, rows: number, values: Float32Array) => void,
  chunk = 1024,
): void {
  const f = stack[0]!.inputs;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    let h = constant({ shape: [rows, f], data: x.subarray(start * f, (start + rows) * f) });
    visit(0, start, rows, h.data as Float32Array);
    stack.forEach((d, l) => {
      h = d.layer.forward(h, null);
      visit(l + 1, start, rows, h.data as Float32Array);
    });
  }
}

/** Every layer's activations for n samples, as one array per layer (n × width). */
export function allActivations(
  stack: readonly DenseLayer[],
  x: Float32Array,
  n: number,
): Float32Array[] {
  const widths = [stack[0]!.inputs, ...stack.map((d) => d.outputs)];
  const out = widths.map((w) => new Float32Array(n * w));
  forEachActivation(stack, x, n, (l, start, rows, v) => {
    out[l]!.set(v.subarray(0, rows * widths[l]!), start * widths[l]!);
  });
  return out;
}
