/**
 * A NIR graph with its subgraphs inlined under dotted names (`lif1.lif`,
 * the form snnTorch and Norse also write flat), every edge checked to end at
 * a node, and every node's shape inferred from its parameters or its inputs.
 * A subgraph's own Input and Output nodes become pass-throughs; an edge into
 * (out of) a subgraph by its name goes to its Input (from its Output) nodes.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import type { NirGraph, NirNode } from './graph.ts';

export interface FlatGraph {
  nodes: Map<string, NirNode>;
  edges: [string, string][];
  /** Top-level Input and Output node names. */
  inputs: string[];
  outputs: string[];
}

/** Neuron primitives: each becomes one engine population. */
export const NEURON_TYPES = new Set(['LIF', 'CubaLIF', 'LI', 'CubaLI', 'IF', 'I', 'Threshold']);
export const NON_SPIKING = new Set(['LI', 'CubaLI', 'I']);

function inline(
  g: NirGraph,
  prefix: string,
  out: FlatGraph,
  top: boolean,
): { entry: Map<string, string[]>; exit: Map<string, string[]> } {
  const entry = new Map<string, string[]>();
  const exit = new Map<string, string[]>();
  for (const [name, node] of g.nodes) {
    const full = prefix + name;
    if (node.graph) {
      const sub = inline(node.graph, `${full}.`, out, false);
      const ins = [...node.graph.nodes]
        .filter(([, n]) => n.type === 'Input')
        .map(([k]) => `${full}.${k}`);
      const outs = [...node.graph.nodes]
        .filter(([, n]) => n.type === 'Output')
        .map(([k]) => `${full}.${k}`);
      entry.set(full, ins);
      exit.set(full, outs);
      for (const [k, v] of sub.entry) entry.set(k, v);
      for (const [k, v] of sub.exit) exit.set(k, v);
      continue;
    }
    const passThrough = !top && (node.type === 'Input' || node.type === 'Output');
    out.nodes.set(full, passThrough ? { type: 'Identity', params: {} } : node);
    if (top && node.type === 'Input') out.inputs.push(full);
    if (top && node.type === 'Output') out.outputs.push(full);
  }
  g.edges.forEach(([a, b], k) => {
    const resolve = (x: string, side: Map<string, string[]>, role: string): string[] => {
      const full = prefix + x;
      const sub = side.get(full);
      if (sub) return sub;
      return [full].map((f) => {
        if (!out.nodes.has(f) && !entry.has(f)) {
          throw new SpikelabError(
            'INVALID_FILE',
            `edge ${k} (${a} → ${b}) of ${prefix ? `subgraph ${prefix.slice(0, -1)}` : 'the graph'}: its ${role} ${JSON.stringify(x)} is not a node; nodes: ${[...g.nodes.keys()].join(', ')}`,
          );
        }
        return f;
      });
    };
    for (const s of resolve(a, exit, 'source'))
      for (const t of resolve(b, entry, 'target')) out.edges.push([s, t]);
  });
  return { entry, exit };
}

export function flattenGraph(g: NirGraph): FlatGraph {
  const out: FlatGraph = { nodes: new Map(), edges: [], inputs: [], outputs: [] };
  inline(g, '', out, true);
  // edges were resolved per graph; a later subgraph may define what an earlier edge named
  for (const [a, b] of out.edges) {
    for (const x of [a, b]) {
      if (!out.nodes.has(x)) {
        throw new SpikelabError(
          'INVALID_FILE',
          `edge ${a} → ${b}: ${JSON.stringify(x)} is not a node`,
        );
      }
    }
  }
  if (out.inputs.length === 0)
    throw new SpikelabError('INVALID_FILE', 'the graph has no Input node');
  return out;
}

export function successors(g: FlatGraph): Map<string, string[]> {
  const m = new Map<string, string[]>([...g.nodes.keys()].map((k) => [k, []]));
  for (const [a, b] of g.edges) m.get(a)!.push(b);
  return m;
}

export function predecessors(g: FlatGraph): Map<string, string[]> {
  const m = new Map<string, string[]>([...g.nodes.keys()].map((k) => [k, []]));
  for (const [a, b] of g.edges) m.get(b)!.push(a);
  return m;
}
