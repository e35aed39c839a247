/**
 * Losses on a readout unrolled over T ticks (rows t·B + b), as the training
 * frameworks define them:
 *
 *   ce-membrane-sum   Σ_t CE(v_t, y), snnTorch tutorial 5 (membrane of the output, each tick)
 *   ce-membrane-last  CE(v_T, y), the membrane at the last tick
 *   ce-membrane-max   CE(max_t v_t, y), the stork examples' max-over-time readout
 *   ce-count          CE(Σ_t s_t, y), spike counts as logits (snnTorch ce_count_loss)
 *   mse-count         snnTorch's mse_count_loss: MSE(Σ_t s_t, target)/T with the target
 *                     ⌊0.8·T⌋ spikes for the true class and ⌊0.2·T⌋ for the others
 *
 * and a spike-count regulariser λ·mean_{b,n}(c_{b,n}²) on the hidden layers'
 * counts, which pulls rates down (fewer events on a chip).
 */
import { constant, type Tape, type Var } from '../ann/graph.ts';
import { mse } from '../ann/losses/mse.ts';
import { softmaxCrossEntropy } from '../ann/losses/softmax-ce.ts';
import { add, scale } from '../ann/ops/arithmetic.ts';
import { tensor } from '../ann/tensor.ts';
import { lastTick, maxOverTime, sumOverTime } from './time-ops.ts';

export const SNN_LOSSES = [
  'ce-membrane-sum',
  'ce-membrane-last',
  'ce-membrane-max',
  'ce-count',
  'mse-count',
] as const;
export type SnnLoss = (typeof SNN_LOSSES)[number];

/** Whether the loss reads the output layer's membrane (else its spikes). */
export const readsMembrane = (loss: SnnLoss): boolean => loss.startsWith('ce-membrane');

export const MSE_COUNT_RATES = { correct: 0.8, incorrect: 0.2 } as const;

function targetsFor(tape: Tape | null, labels: ArrayLike<number>, classes: number, ticks: number) {
  const on = Math.floor(ticks * MSE_COUNT_RATES.correct);
  const off = Math.floor(ticks * MSE_COUNT_RATES.incorrect);
  const data = new Float32Array(labels.length * classes).fill(off);
  for (let b = 0; b < labels.length; b++) data[b * classes + labels[b]!] = on;
  const t = tensor(data, [labels.length, classes]);
  return tape ? tape.constant(t) : constant(t);
}

/** The loss of an output [T·B, C] (membrane or spikes, as `readsMembrane` says) against class labels. */
export function snnLoss(loss: SnnLoss, output: Var, labels: ArrayLike<number>, ticks: number): Var {
  const batch = labels.length;
  const classes = output.shape[1]!;
  switch (loss) {
    case 'ce-membrane-sum': {
      const tiled = new Int32Array(ticks * batch);
      for (let t = 0; t < ticks; t++)
        for (let b = 0; b < batch; b++) tiled[t * batch + b] = labels[b]!;
      // softmaxCrossEntropy averages over T·B rows: × T gives Σ_t of the batch mean
      return scale(softmaxCrossEntropy(output, tiled), ticks);
    }
    case 'ce-membrane-last':
      return softmaxCrossEntropy(lastTick(output, ticks, batch), labels);
    case 'ce-membrane-max':
      return softmaxCrossEntropy(maxOverTime(output, ticks, batch), labels);
    case 'ce-count':
      return softmaxCrossEntropy(sumOverTime(output, ticks, batch), labels);
    case 'mse-count': {
      const counts = sumOverTime(output, ticks, batch);
      return scale(mse(counts, targetsFor(output.tape, labels, classes, ticks)), 1 / ticks);
    }
  }
}

/** λ·mean(c²) of each layer's spike counts, added to `loss`. */
export function withCountPenalty(
  loss: Var,
  layers: readonly Var[],
  lambda: number,
  ticks: number,
  batch: number,
): Var {
  if (lambda === 0) return loss;
  let total = loss;
  for (const s of layers) {
    const c = sumOverTime(s, ticks, batch);
    const zero = tensor(new Float32Array(c.data.length), c.shape);
    const z = c.tape ? c.tape.constant(zero) : constant(zero);
    total = add(total, scale(mse(c, z), lambda));
  }
  return total;
}
