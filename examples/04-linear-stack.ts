/**
 * Linear layers without activations compose to one linear map: three Dense
 * layers x ↦ ((xW₁ + b₁)W₂ + b₂)W₃ + b₃ equal x ↦ x(W₁W₂W₃) + (b₁W₂W₃ + b₂W₃ + b₃).
 *
 *   npx tsx examples/04-linear-stack.ts
 */

import { constant } from '../src/ann/graph.ts';
import { Dense } from '../src/ann/layers/dense.ts';
import { Sequential } from '../src/ann/model.ts';
import { add, matmul } from '../src/ann/ops/index.ts';
import { tensor } from '../src/ann/tensor.ts';
import { Rng } from '../src/core/rng.ts';
import { isMain } from './main-module.ts';

/** Largest |stack(x) − collapsed(x)| over 20 random inputs, and the largest output (for scale). */
export function linearStackError(): { maxError: number; maxOutput: number } {
  const rng = new Rng(11);
  const layers = [
    new Dense(5, 7, 'identity', rng.derive(1)),
    new Dense(7, 4, 'identity', rng.derive(2)),
    new Dense(4, 3, 'identity', rng.derive(3)),
  ];
  for (const l of layers) for (let i = 0; i < l.bias.size; i++) l.bias.value.data[i] = rng.normal();
  const stack = new Sequential(layers);
  const [l1, l2, l3] = layers.map((l) => ({
    w: constant(l.weights.value),
    b: constant(l.bias.value),
  }));
  // The collapsed map, computed with the graph's own ops.
  const w = matmul(matmul(l1!.w, l2!.w), l3!.w);
  const b = add(matmul(add(matmul(constantRow(l1!.b.data), l2!.w), l2!.b), l3!.w), l3!.b);
  const x = tensor(
    Float32Array.from({ length: 20 * 5 }, () => rng.normal()),
    [20, 5],
  );
  const direct = add(matmul(constant(x), w), b).data;
  const layered = stack.predict(x).data;
  let maxError = 0;
  let maxOutput = 0;
  for (let i = 0; i < direct.length; i++) {
    maxError = Math.max(maxError, Math.abs(direct[i]! - layered[i]!));
    maxOutput = Math.max(maxOutput, Math.abs(layered[i]!));
  }
  return { maxError, maxOutput };
}

function constantRow(data: ArrayLike<number>) {
  return constant(tensor(Float32Array.from(data), [1, data.length]));
}

if (isMain(import.meta.url)) {
  const r = linearStackError();
  console.log(
    `max |three layers − one map| = ${r.maxError.toExponential(2)} (outputs up to ${r.maxOutput.toFixed(2)})`,
  );
}
