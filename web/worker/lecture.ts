/**
 * The Lecture view's computations, done by the rate engine in the worker:
 *
 * - XOR decision regions: logistic regression (no hidden layer) against the
 *   default XOR network (one hidden ReLU layer), both trained with the
 *   harness's XOR settings and evaluated on a grid of the plane;
 * - the activation functions with their derivatives, each derivative taken
 *   by reverse-mode differentiation through the engine's op (backward of f
 *   with a seed of ones gives f′ elementwise), not by a second formula.
 */
import { Tape } from '../../src/ann/graph.ts';
import type { Activation } from '../../src/ann/kernels/activation.ts';
import { sigmoid } from '../../src/ann/kernels/activation.ts';
import { activation } from '../../src/ann/ops/pointwise.ts';
import { tensor } from '../../src/ann/tensor.ts';
import { inRange, integer, parse, seed, z } from '../../src/core/schema.ts';
import { xorDataset } from '../../src/data/builtin/xor.ts';
import { settingsFor, trainOnDataset } from '../../src/harness/train-rate.ts';

export interface CurveSet {
  /** Inputs z, ascending. */
  z: Float32Array;
  curves: {
    kind: Activation;
    label: string;
    /** f(z) */
    f: Float32Array;
    /** f′(z) from the op's backward rule. */
    df: Float32Array;
  }[];
}

const shown: { kind: Activation; label: string }[] = [
  { kind: 'sigmoid', label: 'sigmoid σ(z)' },
  { kind: 'tanh', label: 'tanh(z)' },
  { kind: 'relu', label: 'ReLU max(0, z)' },
  { kind: 'leaky-relu', label: 'leaky ReLU' },
  { kind: 'softplus', label: 'softplus log(1 + eᶻ)' },
];

/** f and f′ of each activation on `points` values of z in [from, to]. */
export function activationCurves(from = -4, to = 4, points = 401, alpha = 0.1): CurveSet {
  const z = Float32Array.from(
    { length: points },
    (_, i) => from + ((to - from) * i) / (points - 1),
  );
  const curves = shown.map(({ kind, label }) => {
    const tape = new Tape();
    const x = tape.variable(tensor(Float32Array.from(z), [points]));
    const y = activation(x, kind, alpha);
    tape.backward(y); // seed of ones: ∂(Σ seedᵢ yᵢ)/∂zᵢ = f′(zᵢ), the op being elementwise
    return {
      kind,
      label: kind === 'leaky-relu' ? `${label} (α = ${alpha})` : label,
      f: Float32Array.from(y.data),
      df: Float32Array.from(tape.grad(x)!),
    };
  });
  return { z, curves };
}

export interface XorModel {
  name: string;
  layers: number[];
  parameters: number;
  /** Accuracy on the four points (they are the training set and the test set). */
  accuracy: number;
  loss: number;
  epochs: number;
  /**
   * P(class 1) at the centres of grid × grid cells tiling [lo, hi]², row-major
   * from the top row (x₂ near hi) down: cell (r, c) is at
   * x₁ = lo + (c + ½)·(hi − lo)/grid, x₂ = hi − (r + ½)·(hi − lo)/grid.
   */
  probability: Float32Array;
}

export interface XorLesson {
  seed: number;
  grid: number;
  /** The square [lo, hi]² the grid covers (both inputs). */
  lo: number;
  hi: number;
  points: { x: Float32Array; y: Int32Array };
  models: XorModel[];
}

export const xorRequestSchema = z
  .object({
    seed: seed().optional(),
    hidden: integer(1, 256).optional(),
    grid: integer(8, 400).optional(),
    lo: inRange(-10, 10).optional(),
    hi: inRange(-10, 10).optional(),
  })
  .strict();

export type XorRequest = z.infer<typeof xorRequestSchema>;

function probabilities(
  model: ReturnType<typeof trainOnDataset>['model'],
  grid: number,
  lo: number,
  hi: number,
): Float32Array {
  const x = new Float32Array(grid * grid * 2);
  for (let r = 0; r < grid; r++) {
    const x2 = hi - ((hi - lo) * (r + 0.5)) / grid;
    for (let c = 0; c < grid; c++) {
      const k = r * grid + c;
      x[2 * k] = lo + ((hi - lo) * (c + 0.5)) / grid;
      x[2 * k + 1] = x2;
    }
  }
  const logits = model.predict(tensor(x, [grid * grid, 2])).data;
  return Float32Array.from(logits, sigmoid);
}

/** Trains both models on XOR with the same seed and evaluates them on the grid. */
export function xorLesson(input: unknown = {}): XorLesson {
  const req = parse(xorRequestSchema, input, 'xor');
  const s = req.seed ?? 0;
  const grid = req.grid ?? 161;
  const lo = req.lo ?? -0.5;
  const hi = req.hi ?? 1.5;
  const data = xorDataset();
  const base = settingsFor('xor');
  const variants = [
    { name: 'Logistic regression', hidden: [] as number[] },
    { name: 'ReLU network', hidden: [req.hidden ?? base.hidden[0] ?? 16] },
  ];
  const models = variants.map(({ name, hidden }) => {
    const run = trainOnDataset(data, settingsFor('xor', { hidden, activation: 'relu' }), s);
    return {
      name,
      layers: run.result.layers,
      parameters: run.result.parameters,
      accuracy: run.result.trainAccuracy ?? 0,
      loss: run.result.trainLoss,
      epochs: run.result.epochs,
      probability: probabilities(run.model, grid, lo, hi),
    };
  });
  return { seed: s, grid, lo, hi, points: { x: data.x, y: data.y as Int32Array }, models };
}

/** The buffers of a lesson and a curve set that move to the page. */
export function lectureTransferables(l: XorLesson | CurveSet): ArrayBuffer[] {
  if ('models' in l) return l.models.map((m) => m.probability.buffer as ArrayBuffer);
  return [l.z, ...l.curves.flatMap((c) => [c.f, c.df])].map((a) => a.buffer as ArrayBuffer);
}
