/**
 * Mini-batch training: each epoch visits the samples in an order drawn from
 * the seed, one tape is reused for every batch (its buffers allocated once),
 * and progress is reported through callbacks.
 */
import { SpikelabError } from '../core/errors.ts';
import { Rng, type Seed } from '../core/rng.ts';
import { type Param, Tape, type Var } from './graph.ts';
import { bceWithLogits, l2Penalty, mdnNll, mse, softmaxCrossEntropy } from './losses/index.ts';
import type { Sequential } from './model.ts';
import { add } from './ops/arithmetic.ts';
import type { Optimizer } from './optim/optimizer.ts';

export type LossSpec =
  | { type: 'softmax-ce' }
  | { type: 'bce' }
  | { type: 'mse' }
  | { type: 'mdn'; k: number };

/** Samples as rows: features for every sample, and labels or targets for the loss. */
export interface TrainingSet {
  x: Float32Array;
  features: number;
  /** Class indices (softmax-ce), or 0/1 (bce). */
  labels?: ArrayLike<number>;
  /** Regression targets, `targetSize` per sample (mse, mdn). */
  targets?: Float32Array;
  targetSize?: number;
}

export interface EpochStats {
  epoch: number;
  epochs: number;
  /** Mean training loss over the epoch's batches (weighted by batch size). */
  loss: number;
  seconds: number;
  lr: number;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  optimizer: Optimizer;
  loss: LossSpec;
  seed: Seed;
  /** λ of an L2 penalty λ‖θ‖² added to the loss (default 0). */
  l2?: number;
  /** 'cosine' anneals the learning rate from its initial value to 0 over all steps. */
  lrSchedule?: 'constant' | 'cosine';
  onBatch?: (epoch: number, batch: number, batches: number) => void;
  onEpoch?: (stats: EpochStats) => void;
}

export function samplesIn(data: TrainingSet): number {
  return data.features > 0 ? data.x.length / data.features : 0;
}

/** The loss of a batch's outputs against its labels or targets. */
export function batchLoss(
  out: Var,
  loss: LossSpec,
  labels: ArrayLike<number>,
  targets: Var | null,
): Var {
  switch (loss.type) {
    case 'softmax-ce':
      return softmaxCrossEntropy(out, labels);
    case 'bce':
      return bceWithLogits(out, targets!);
    case 'mse':
      return mse(out, targets!);
    case 'mdn':
      return mdnNll(out, targets!, loss.k);
  }
}

function checkData(data: TrainingSet, loss: LossSpec): void {
  const n = samplesIn(data);
  if (!Number.isInteger(n) || n === 0) {
    throw new SpikelabError(
      'SHAPE_MISMATCH',
      `training set: ${data.x.length} values do not form rows of ${data.features} features`,
    );
  }
  const needsLabels = loss.type === 'softmax-ce' || loss.type === 'bce';
  if (needsLabels && data.labels?.length !== n) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `loss ${loss.type}: needs ${n} labels; got ${data.labels?.length ?? 'none'}`,
    );
  }
  if (!needsLabels && data.targets?.length !== n * (data.targetSize ?? 1)) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `loss ${loss.type}: needs ${n}×${data.targetSize ?? 1} regression targets`,
    );
  }
}

export function fit(model: Sequential, data: TrainingSet, o: FitOptions): EpochStats[] {
  checkData(data, o.loss);
  const n = samplesIn(data);
  const d = data.features;
  const bs = Math.min(o.batchSize, n);
  const ts = o.loss.type === 'bce' ? 1 : (data.targetSize ?? 1);
  const xb = new Float32Array(bs * d);
  const lb = new Int32Array(bs);
  const tb = new Float32Array(bs * ts);
  const tape = new Tape();
  const rng = new Rng(o.seed).derive('shuffle');
  const params: Param[] = model.params;
  const batches = Math.ceil(n / bs);
  const lr0 = o.optimizer.lr;
  const totalSteps = o.epochs * batches;
  const history: EpochStats[] = [];
  let step = 0;

  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const t0 = performance.now();
    const order = rng.permutation(n);
    let lossSum = 0;
    for (let b = 0; b < batches; b++) {
      const start = b * bs;
      const rows = Math.min(bs, n - start);
      for (let r = 0; r < rows; r++) {
        const s = order[start + r]!;
        xb.set(data.x.subarray(s * d, (s + 1) * d), r * d);
        if (data.labels) lb[r] = data.labels[s]!;
        if (o.loss.type === 'bce') tb[r] = data.labels![s]!;
        else if (data.targets) tb.set(data.targets.subarray(s * ts, (s + 1) * ts), r * ts);
      }
      if (o.lrSchedule === 'cosine')
        o.optimizer.lr = 0.5 * lr0 * (1 + Math.cos((Math.PI * step) / totalSteps));
      tape.reset();
      const full = rows === bs;
      const x = tape.constant({ shape: [rows, d], data: full ? xb : xb.subarray(0, rows * d) });
      const targets = tape.constant({
        shape: [rows, ts],
        data: full ? tb : tb.subarray(0, rows * ts),
      });
      const out = model.forward(x, tape);
      let loss = batchLoss(out, o.loss, full ? lb : lb.subarray(0, rows), targets);
      lossSum += loss.data[0]! * rows;
      if (o.l2)
        loss = add(
          loss,
          l2Penalty(
            o.l2,
            params.map((p) => tape.param(p)),
          ),
        );
      tape.backward(loss);
      o.optimizer.step();
      step++;
      o.onBatch?.(epoch, b + 1, batches);
    }
    const stats: EpochStats = {
      epoch,
      epochs: o.epochs,
      loss: lossSum / n,
      seconds: (performance.now() - t0) / 1000,
      lr: o.optimizer.lr,
    };
    if (!Number.isFinite(stats.loss)) {
      throw new SpikelabError(
        'NOT_FINITE',
        `training loss at epoch ${epoch}: got ${stats.loss}; allowed: a finite number (lower the learning rate)`,
      );
    }
    history.push(stats);
    o.onEpoch?.(stats);
  }
  o.optimizer.lr = lr0;
  return history;
}
