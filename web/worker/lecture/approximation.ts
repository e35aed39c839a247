/**
 * Universal approximation, live: one hidden layer of N sigmoid units fits a
 * target on [0, 1] by full-batch Adam (as examples/06-universal-approximation.ts
 * does), and reports the fit and its maximum error on a fine grid while it
 * trains. The theorem says some N gets below any error; training shows how
 * the error falls as N grows, and where it cannot (a jump needs a steep
 * sigmoid, so the step's error near ½ falls slowly).
 */
import { mlp } from '../../../src/ann/model.ts';
import { Adam } from '../../../src/ann/optim/adam.ts';
import { tensor } from '../../../src/ann/tensor.ts';
// aliased: the linter takes a bare `fit(` call in web/ for a focused test
import { fit as train } from '../../../src/ann/train.ts';
import { invalid } from '../../../src/core/errors.ts';
import { finite, integer, oneOf, parse, seed, z } from '../../../src/core/schema.ts';

export const TARGETS = ['sine', 'step', 'abs', 'drawn'] as const;
export type Target = (typeof TARGETS)[number];

export const approximationRequestSchema = z
  .object({
    target: oneOf(TARGETS),
    width: integer(1, 256),
    epochs: integer(1, 20_000).optional(),
    seed: seed().optional(),
    /** For 'drawn': the points the mouse left, (x, y) with x in [0, 1]. */
    points: z
      .array(z.tuple([finite(), finite()]))
      .max(10_000)
      .optional(),
  })
  .strict();

export interface ApproximationProgress {
  epoch: number;
  epochs: number;
  loss: number;
  maxError: number;
  /** The plotting grid on [0, 1], the target and the network on it. */
  x: Float32Array;
  targetY: Float32Array;
  y: Float32Array;
}

export interface ApproximationResult extends ApproximationProgress {
  target: Target;
  width: number;
}

const TRAIN = 200;
const PLOT = 201;
const CHECK = 1001;

/** The target as a function on [0, 1]; a drawn one is its points joined by straight lines. */
export function targetFunction(target: Target, points?: [number, number][]): (x: number) => number {
  if (target === 'sine') return (x) => Math.sin(2 * Math.PI * x);
  if (target === 'step') return (x) => (x < 0.5 ? 0 : 1);
  if (target === 'abs') return (x) => Math.abs(x - 0.5);
  const pts = (points ?? []).filter(([x]) => x >= 0 && x <= 1).sort((a, b) => a[0] - b[0]);
  if (pts.length < 2)
    throw invalid('approximation.points', pts.length, 'at least 2 points drawn over [0, 1]');
  return (x) => {
    if (x <= pts[0]![0]) return pts[0]![1];
    let i = 1;
    while (i < pts.length - 1 && pts[i]![0] < x) i++;
    const [x0, y0] = pts[i - 1]!;
    const [x1, y1] = pts[i]!;
    if (x >= x1) return y1;
    return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  };
}

// Inputs centred and spread to [−2, 2], so Glorot-initialised sigmoids start in their curved range.
const scaleInput = (v: number) => 4 * (v - 0.5);
const grid = (n: number) => Float32Array.from({ length: n }, (_, i) => i / (n - 1));

/** Trains the network, calling `onProgress` after every `every` epochs and at the end. */
export function approximate(
  input: unknown,
  onProgress?: (p: ApproximationProgress) => void,
  every = 50,
): ApproximationResult {
  const req = parse(approximationRequestSchema, input, 'approximation');
  const f = targetFunction(req.target, req.points);
  const epochs = req.epochs ?? 3000;
  const s = req.seed ?? 0;
  const t = grid(TRAIN);
  const model = mlp({ inputs: 1, hidden: [req.width], outputs: 1, activation: 'sigmoid', seed: s });
  const plotX = grid(PLOT);
  const checkX = grid(CHECK);
  const plotIn = tensor(plotX.map(scaleInput), [PLOT, 1]);
  const checkIn = tensor(checkX.map(scaleInput), [CHECK, 1]);
  const checkY = checkX.map(f);
  const targetY = plotX.map(f);
  const measure = (epoch: number, loss: number): ApproximationProgress => {
    const out = model.predict(checkIn).data;
    let maxError = 0;
    for (let i = 0; i < CHECK; i++) maxError = Math.max(maxError, Math.abs(out[i]! - checkY[i]!));
    const y = Float32Array.from(model.predict(plotIn).data);
    return { epoch, epochs, loss, maxError, x: plotX, targetY, y };
  };
  let last: ApproximationProgress | null = null;
  train(
    model,
    { x: t.map(scaleInput), features: 1, targets: t.map(f), targetSize: 1 },
    {
      epochs,
      batchSize: TRAIN,
      optimizer: new Adam(model.params, { lr: 0.05 }),
      loss: { type: 'mse' },
      seed: s,
      lrSchedule: 'cosine',
      onEpoch: (e) => {
        const done = e.epoch + 1;
        if (done % every !== 0 && done !== epochs) return;
        last = measure(done, e.loss);
        onProgress?.(last);
      },
    },
  );
  const end = last ?? measure(0, Number.NaN);
  return { ...end, target: req.target, width: req.width };
}
