/**
 * Computation graphs for the lecture: a preset expression is recorded on the
 * rate engine's tape (float64, so the table shows the lecture's exact
 * numbers), the backward pass is run one node at a time with
 * `Tape.backwardSteps`, and the gradient table is copied after every step.
 * What the page draws (nodes, op names, parents, order, values, gradients)
 * is what the tape recorded; nothing is recomputed beside it.
 */
import { Tape, type Var } from '../../../src/ann/graph.ts';
import {
  add,
  log,
  matmul,
  mul,
  relu,
  scale,
  sigmoid,
  sub,
  sum,
} from '../../../src/ann/ops/index.ts';
import { scalar, tensor } from '../../../src/ann/tensor.ts';
import { invalid } from '../../../src/core/errors.ts';
import { finite, inRange, oneOf, parse, z } from '../../../src/core/schema.ts';
import { GRAPH_PRESETS, type GraphPreset, presetInfo } from './graph-presets.ts';

export const graphRequestSchema = z
  .object({
    preset: oneOf(GRAPH_PRESETS),
    inputs: z.record(z.string(), finite()).optional(),
    eta: inRange(0, 10).optional(),
  })
  .strict();

export interface GraphNodeView {
  id: number;
  label: string;
  /** The engine's op name; null for a leaf. */
  op: string | null;
  parents: number[];
  shape: number[];
  value: number[];
  kind: 'trainable' | 'constant' | 'op';
}

export interface GraphLesson {
  preset: GraphPreset;
  formula: string;
  /** In the tape's order u₁ … uₙ (ids ascending): a topological order. */
  nodes: GraphNodeView[];
  root: number;
  /**
   * steps[k]: the node whose backward rule ran in step k + 1, and the
   * gradient table ∂J/∂uᵢ after it (null where nothing has arrived yet).
   */
  steps: { node: number; table: (number[] | null)[] }[];
  eta: number;
  /** One SGD step on each trainable leaf: value − η·∂J/∂value. */
  update: { name: string; value: number; grad: number; next: number }[];
}

interface Recorded {
  tape: Tape;
  root: Var;
  labels: Map<Var, string>;
  /** Trainable leaves by input name and element (a matrix leaf holds several inputs). */
  trainable: { name: string; v: Var; index: number }[];
}

function record(preset: GraphPreset, val: (name: string) => number): Recorded {
  const tape = new Tape('float64');
  const labels = new Map<Var, string>();
  const trainable: Recorded['trainable'] = [];
  const named = (v: Var, label: string) => {
    labels.set(v, label);
    return v;
  };
  const leaf = (names: string[], shape: number[], train: boolean, label: string) => {
    const t = tensor(Float64Array.from(names, val), shape);
    const v = named(train ? tape.variable(t) : tape.constant(t), label);
    if (train)
      names.forEach((name, index) => {
        trainable.push({ name, v, index });
      });
    return v;
  };
  if (preset === 'tiny') {
    const x = leaf(['x'], [], true, 'x');
    const y = leaf(['y'], [], true, 'y');
    const zt = leaf(['z'], [], false, 'z');
    const e = named(sub(named(mul(x, y), 'ẑ'), zt), 'ẑ − z');
    const root = named(scale(named(mul(e, e), '(ẑ − z)²'), 0.5), 'J');
    return { tape, root, labels, trainable };
  }
  if (preset === 'logistic') {
    const x = leaf(['x1', 'x2'], [1, 2], false, 'x');
    const w = leaf(['w1', 'w2'], [2, 1], true, 'w');
    const b = leaf(['b'], [1], true, 'b');
    const zv = named(add(named(matmul(x, w), 'w·x'), b), 'w·x + b');
    const p = named(sigmoid(zv), 'p = σ');
    const t = val('t');
    if (t !== 0 && t !== 1) throw invalid('graph.inputs.t', t, 'a class label, 0 or 1');
    const q = t === 1 ? p : named(sub(tape.constant(scalar(1)), p), '1 − p');
    const root = named(scale(named(log(q), t === 1 ? 'log p' : 'log(1 − p)'), -1), 'J');
    return { tape, root, labels, trainable };
  }
  const x = leaf(['x1', 'x2'], [1, 2], false, 'x');
  const w = leaf(['w11', 'w12', 'w21', 'w22'], [2, 2], true, 'W');
  const b = leaf(['b1', 'b2'], [2], true, 'b');
  const t = leaf(['t1', 't2'], [1, 2], false, 't');
  const hv = named(relu(named(add(named(matmul(x, w), 'xW'), b), 'xW + b')), 'h');
  const d = named(sub(hv, t), 'h − t');
  const root = named(scale(named(sum(named(mul(d, d), '(h − t)²')), 'Σ'), 0.5), 'J');
  return { tape, root, labels, trainable };
}

/** Records the preset with the given inputs, steps through backward, and takes one SGD step. */
export function graphLesson(input: unknown): GraphLesson {
  const req = parse(graphRequestSchema, input, 'graph');
  const info = presetInfo.find((p) => p.id === req.preset)!;
  for (const key of Object.keys(req.inputs ?? {}))
    if (!info.inputs.some((i) => i.name === key))
      throw invalid(`graph.inputs.${key}`, key, info.inputs.map((i) => i.name).join(', '));
  const val = (name: string) =>
    req.inputs?.[name] ?? info.inputs.find((i) => i.name === name)!.value;
  const { tape, root, labels, trainable } = record(req.preset, val);
  const recorded = tape.nodeList();
  const labelOf = new Map<number, string>();
  for (const [v, label] of labels) labelOf.set(v.id, label);
  const trainIds = new Set(trainable.map((t) => t.v.id));
  const nodes: GraphNodeView[] = recorded.map((n) => ({
    id: n.id,
    label: labelOf.get(n.id) ?? (n.op === null ? String(n.value.data[0]) : n.op),
    op: n.op,
    parents: [...n.parents],
    shape: [...n.value.shape],
    value: Array.from(n.value.data),
    kind: n.op !== null ? 'op' : trainIds.has(n.id) ? 'trainable' : 'constant',
  }));
  const table = () => recorded.map((n) => tape.gradAt(n.id)).map((g) => (g ? Array.from(g) : null));
  const steps: GraphLesson['steps'] = [];
  for (const id of tape.backwardSteps(root)) steps.push({ node: id, table: table() });
  const eta = req.eta ?? 0.1;
  const update = trainable.map(({ name, v, index }) => {
    const value = v.data[index]!;
    const grad = tape.grad(v)?.[index] ?? 0;
    return { name, value, grad, next: value - eta * grad };
  });
  return { preset: req.preset, formula: info.formula, nodes, root: root.id, steps, eta, update };
}
