/**
 * Identities of the smooth activations, checked numerically on the engine:
 * softplus′(x) = σ(x) (the gradient of the softplus op), log σ(x) = −softplus(−x),
 * and softmax([1000, 2000, 3000]) = softmax([0, 1000, 2000]), both finite.
 *
 *   npx tsx examples/05-stable-functions.ts
 */
import { constant, Tape } from '../src/ann/graph.ts';
import { log, scale, sigmoid, softmax, softplus, sum } from '../src/ann/ops/index.ts';
import { tensor } from '../src/ann/tensor.ts';
import { isMain } from './main-module.ts';

const grid = () => Float64Array.from({ length: 81 }, (_, i) => -20 + i * 0.5);

/** max |d softplus/dx − σ(x)| on x ∈ [−20, 20]. */
export function softplusDerivativeError(): number {
  const tape = new Tape('float64');
  const x = tape.variable(tensor(grid(), [81]));
  tape.backward(sum(softplus(x)));
  const g = tape.grad(x)!;
  const s = sigmoid(constant(tensor(grid(), [81]))).data;
  return Math.max(...g.map((v, i) => Math.abs(v - s[i]!)));
}

/** max |log σ(x) − (−softplus(−x))| on x ∈ [−20, 20]. */
export function logSigmoidError(): number {
  const x = constant(tensor(grid(), [81]));
  const a = log(sigmoid(x)).data;
  const b = scale(softplus(scale(x, -1)), -1).data;
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
}

export function softmaxOfLargeLogits(): { large: number[]; shifted: number[] } {
  return {
    large: Array.from(softmax(constant(tensor([1000, 2000, 3000], [1, 3]))).data),
    shifted: Array.from(softmax(constant(tensor([0, 1000, 2000], [1, 3]))).data),
  };
}

if (isMain(import.meta.url)) {
  console.log(`max |softplus′ − σ| on [−20, 20]: ${softplusDerivativeError().toExponential(2)}`);
  console.log(`max |log σ(x) + softplus(−x)| on [−20, 20]: ${logSigmoidError().toExponential(2)}`);
  const s = softmaxOfLargeLogits();
  console.log('softmax([1000, 2000, 3000]) =', s.large.join(', '));
  console.log('softmax([0, 1000, 2000])    =', s.shifted.join(', '));
}
