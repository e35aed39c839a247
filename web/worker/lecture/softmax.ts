/**
 * The numerically stable softmax, against the textbook formula. exp(1000)
 * overflows a double, so eᶻ / Σ eᶻ is ∞/∞ = NaN for logits (1000, 1001,
 * 1002); the engine's softmax subtracts the row maximum first (softmax is
 * unchanged by a shift), so it never exponentiates a positive number.
 */
import { constant } from '../../../src/ann/graph.ts';
import { softmax } from '../../../src/ann/ops/softmax.ts';
import { tensor } from '../../../src/ann/tensor.ts';
import { finite, parse, z } from '../../../src/core/schema.ts';

export const softmaxRequestSchema = z.object({ logits: z.array(finite()).min(1).max(64) }).strict();

export interface SoftmaxLesson {
  logits: number[];
  /** exp(zᵢ) / Σ exp(zⱼ) in double precision, as written. */
  naive: number[];
  /** The engine's softmax op (float64). */
  stable: number[];
}

export function naiveSoftmax(z: readonly number[]): number[] {
  const e = z.map((v) => Math.exp(v));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function softmaxLesson(input: unknown): SoftmaxLesson {
  const { logits } = parse(softmaxRequestSchema, input, 'softmax');
  const stable = softmax(constant(tensor(Float64Array.from(logits), [1, logits.length]))).data;
  return { logits, naive: naiveSoftmax(logits), stable: Array.from(stable) };
}
