/** Accuracy and loss of a trained model on a data set (inference path, nothing recorded). */
import { constant } from './graph.ts';
import type { Sequential } from './model.ts';
import type { Tensor } from './tensor.ts';
import { batchLoss, type LossSpec, samplesIn, type TrainingSet } from './train.ts';

/** Index of the largest value of each row. */
export function argmaxRows(t: Tensor): Int32Array {
  const cols = t.shape[t.shape.length - 1]!;
  const rows = t.data.length / cols;
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (t.data[i * cols + j]! > t.data[i * cols + best]!) best = j;
    out[i] = best;
  }
  return out;
}

/** Predicted class per sample from model outputs: argmax of the logits, or logit > 0 for one BCE output. */
export function classesFromOutput(out: Tensor, loss: LossSpec): Int32Array {
  if (loss.type === 'bce') return Int32Array.from(out.data, (z) => (z > 0 ? 1 : 0));
  return argmaxRows(out);
}

export interface Evaluation {
  loss: number;
  /** Fraction correct (classification losses only). */
  accuracy?: number;
}

export function evaluate(model: Sequential, data: TrainingSet, loss: LossSpec): Evaluation {
  const n = samplesIn(data);
  const x: Tensor = { shape: [n, data.features], data: data.x };
  const out = model.predict(x);
  const ts = loss.type === 'bce' ? 1 : (data.targetSize ?? 1);
  const targets =
    loss.type === 'bce'
      ? Float32Array.from(data.labels!)
      : (data.targets ?? new Float32Array(n * ts));
  const l = batchLoss(
    constant(out),
    loss,
    data.labels ?? [],
    constant({ shape: [n, ts], data: targets }),
  ).data[0]!;
  if (loss.type !== 'softmax-ce' && loss.type !== 'bce') return { loss: l };
  const predicted = classesFromOutput(out, loss);
  let correct = 0;
  for (let i = 0; i < n; i++) if (predicted[i] === data.labels![i]) correct++;
  return { loss: l, accuracy: n > 0 ? correct / n : 0 };
}
