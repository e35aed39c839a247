/**
 * The shape of every node of a flat NIR graph, and each weight node as a
 * sparse matrix from its input elements to its output elements. Neuron
 * parameters given as scalars broadcast to the node's shape (NIR #176): the
 * shape comes from the largest parameter, or from the node's input when all
 * are scalars.
 */
import { invalid, SpikelabError } from '../../../src/core/errors.ts';
import type { FlatGraph } from './flatten.ts';
import { NEURON_TYPES, predecessors } from './flatten.ts';
import type { NirNode } from './graph.ts';
import { type Csr, convolution, diagonal, fromWeight, identity } from './linear-map.ts';

const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

export interface ShapedGraph extends FlatGraph {
  shapes: Map<string, number[]>;
  /** The matrix of each weight node (and pass-through), rows = input elements. */
  ops: Map<string, Csr>;
  /** The constant each Affine / Conv node adds to its output (its bias), when not all zero. */
  biases: Map<string, Float64Array>;
}

function paramShape(node: NirNode): number[] | null {
  let best: number[] | null = null;
  for (const a of Object.values(node.params)) {
    if (a.data.length > (best ? size(best) : 1)) best = a.shape;
  }
  return best;
}

/** The shape a node has by its own parameters, or null when its input decides. */
function ownShape(name: string, node: NirNode): number[] | null {
  const p = node.params;
  switch (node.type) {
    case 'Input':
      return Array.from(p.shape!.data);
    case 'Affine':
    case 'Linear': {
      const w = p.weight!;
      if (w.shape.length !== 2)
        throw invalid(
          `node ${name}.weight`,
          `shape [${w.shape.join(', ')}]`,
          'a 2-D [out, in] matrix',
          'SHAPE_MISMATCH',
        );
      if (node.type === 'Affine' && p.bias!.data.length !== 1 && p.bias!.data.length !== w.shape[0])
        throw new SpikelabError(
          'SHAPE_MISMATCH',
          `node ${name}: weight is ${w.shape[0]}×${w.shape[1]} but bias has ${p.bias!.data.length} values; allowed: ${w.shape[0]} or 1`,
        );
      return [w.shape[0]!];
    }
    default:
      return NEURON_TYPES.has(node.type) || node.type === 'Scale' ? paramShape(node) : null;
  }
}

function checkNeuronParams(name: string, node: NirNode, n: number): void {
  for (const [k, a] of Object.entries(node.params)) {
    if (a.data.length !== 1 && a.data.length !== n) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `node ${name} (${node.type}).${k}: ${a.data.length} values for ${n} neurons; allowed: ${n} or one (broadcast)`,
      );
    }
  }
}

function opMatrix(
  name: string,
  node: NirNode,
  inShape: number[],
  budget: number,
): { csr: Csr; out: number[] } {
  const p = node.params;
  const inN = size(inShape);
  const mismatch = (want: number) =>
    new SpikelabError(
      'SHAPE_MISMATCH',
      `node ${name} (${node.type}): takes ${want} inputs, but its input has ${inN} (shape [${inShape.join(', ')}])`,
    );
  switch (node.type) {
    case 'Affine':
    case 'Linear': {
      const [out, inn] = p.weight!.shape as [number, number];
      if (inn !== inN) throw mismatch(inn);
      return { csr: fromWeight(p.weight!.data, out, inn), out: [out] };
    }
    case 'Scale': {
      const s = p.scale!.data;
      if (s.length !== 1 && s.length !== inN) throw mismatch(s.length);
      return {
        csr: diagonal(s.length === 1 ? new Float64Array(inN).fill(s[0]!) : s),
        out: inShape,
      };
    }
    case 'Flatten':
      return { csr: identity(inN), out: [inN] };
    case 'Identity':
    case 'Output':
    case 'Delay':
      return { csr: identity(inN), out: inShape };
    case 'Conv1d':
    case 'Conv2d': {
      const w = p.weight!;
      const dims = node.type === 'Conv2d' ? 2 : 1;
      if (w.shape.length !== dims + 2)
        throw invalid(
          `node ${name}.weight`,
          `shape [${w.shape.join(', ')}]`,
          `[Cout, Cin/groups, ${dims === 2 ? 'kH, kW' : 'k'}]`,
          'SHAPE_MISMATCH',
        );
      const [cout, cinPerGroup, ...kernel] = w.shape as number[];
      const groups = p.groups?.data[0] ?? 1;
      const kN = size(kernel);
      const shape =
        p.input_shape && inShape.length < dims + 1
          ? [cinPerGroup! * groups, ...Array.from(p.input_shape.data)]
          : inShape;
      if (size(shape) !== inN) throw mismatch(size(shape));
      const { csr, outShape } = convolution(
        name,
        node,
        shape,
        {
          cout: cout!,
          cinPerGroup: cinPerGroup!,
          groups,
          kernel,
          weight: (co, ci, k) => w.data[(co * cinPerGroup! + ci) * kN + k]!,
        },
        budget,
      );
      return { csr, out: outShape };
    }
    case 'SumPool2d':
    case 'AvgPool2d': {
      const kernel = Array.from(p.kernel_size!.data);
      if (kernel.length === 1) kernel.push(kernel[0]!);
      const c = inShape.length >= 3 ? inShape[inShape.length - 3]! : 1;
      const scale = node.type === 'AvgPool2d' ? 1 / size(kernel) : 1;
      const { csr, outShape } = convolution(
        name,
        node,
        inShape.length >= 3 ? inShape : [1, ...inShape],
        {
          cout: c,
          cinPerGroup: 1,
          groups: c,
          kernel,
          weight: () => scale,
        },
        budget,
      );
      return { csr, out: outShape };
    }
    default:
      throw new SpikelabError('UNKNOWN_TYPE', `node ${name}: ${node.type} is not a weight node`);
  }
}

export function shapeGraph(g: FlatGraph, budget: number): ShapedGraph {
  const preds = predecessors(g);
  const shapes = new Map<string, number[]>();
  const ops = new Map<string, Csr>();
  const biases = new Map<string, Float64Array>();
  for (const [name, node] of g.nodes) {
    const s = ownShape(name, node);
    if (s) shapes.set(name, s);
  }
  // Shapes flow along edges; each pass settles at least one more node of a well-formed graph.
  for (let pass = 0; pass <= g.nodes.size; pass++) {
    let changed = false;
    for (const [name, node] of g.nodes) {
      if (node.type === 'Input' || ops.has(name)) continue;
      const ins = preds.get(name)!.filter((p) => shapes.has(p));
      if (ins.length === 0) continue;
      const inShape = shapes.get(ins[0]!)!;
      for (const other of ins) {
        if (size(shapes.get(other)!) !== size(inShape))
          throw new SpikelabError(
            'SHAPE_MISMATCH',
            `node ${name}: its inputs ${ins[0]} and ${other} give ${size(inShape)} and ${size(shapes.get(other)!)} values`,
          );
      }
      if (NEURON_TYPES.has(node.type)) {
        const own = shapes.get(name);
        if (own && size(own) !== size(inShape) && size(own) !== 1)
          throw new SpikelabError(
            'SHAPE_MISMATCH',
            `node ${name} (${node.type}): ${size(own)} neurons, but its input ${ins[0]} gives ${size(inShape)} values`,
          );
        if (!own || size(own) !== size(inShape)) {
          shapes.set(name, inShape);
          changed = true;
        }
        continue;
      }
      const { csr, out } = opMatrix(name, node, inShape, budget);
      ops.set(name, csr);
      shapes.set(name, out);
      const b = node.params.bias?.data;
      if (b?.some((x) => x !== 0)) {
        const n = csr.cols;
        const per = node.type.startsWith('Conv') ? n / b.length : 1;
        biases.set(
          name,
          b.length === 1
            ? new Float64Array(n).fill(b[0]!)
            : Float64Array.from({ length: n }, (_, i) => b[Math.floor(i / per)]!),
        );
      }
      changed = true;
    }
    if (!changed) break;
  }
  for (const [name, node] of g.nodes) {
    if (!shapes.has(name))
      throw new SpikelabError(
        'INVALID_FILE',
        `node ${name} (${node.type}): no path from an Input gives it a shape`,
      );
    if (NEURON_TYPES.has(node.type)) checkNeuronParams(name, node, size(shapes.get(name)!));
  }
  return { ...g, shapes, ops, biases };
}
