/**
 * NIR's graph as data: nodes with their parameters (NIR's field names, which
 * are also the HDF5 dataset names), edges as (source, target) names, nested
 * graphs. Parsing validates once, at the edge: unknown types, missing or
 * non-finite parameters, negative time constants and shapes that disagree are
 * refused with the node's name. Pedersen et al. 2024, Nat. Commun. 15:8122;
 * the field names follow the reference package `nir` (nir/ir/*.py).
 */
import { invalid, SpikelabError } from '../../../src/core/errors.ts';
import type { H5Dataset, H5Group } from './hdf5.ts';

export interface NirArray {
  /** [] for a scalar. */
  shape: number[];
  data: Float64Array;
}

export interface NirNode {
  type: string;
  /** Numeric parameters by NIR name. */
  params: Record<string, NirArray>;
  /** String parameters (Conv padding 'same' / 'valid'). */
  strings?: Record<string, string>;
  /** Present for type NIRGraph. */
  graph?: NirGraph;
  metadata?: Record<string, number | string>;
}

export interface NirGraph {
  nodes: Map<string, NirNode>;
  edges: [string, string][];
  metadata?: Record<string, number | string>;
}

export interface NirFile {
  version: string;
  graph: NirGraph;
}

/** Required and optional parameters of every primitive spikelab maps. */
export const PRIMITIVES: Record<string, { required: string[]; optional?: string[] }> = {
  Input: { required: ['shape'] },
  Output: { required: [], optional: ['shape'] },
  Affine: { required: ['weight', 'bias'] },
  Linear: { required: ['weight'] },
  Scale: { required: ['scale'] },
  Threshold: { required: ['threshold'] },
  Delay: { required: ['delay'] },
  Flatten: { required: [], optional: ['start_dim', 'end_dim', 'input_type'] },
  I: { required: ['r'] },
  IF: { required: ['r', 'v_threshold'], optional: ['v_reset'] },
  LI: { required: ['tau', 'r', 'v_leak'] },
  LIF: { required: ['tau', 'r', 'v_leak', 'v_threshold'], optional: ['v_reset'] },
  CubaLI: { required: ['tau_syn', 'tau_mem', 'r', 'v_leak'], optional: ['w_in'] },
  CubaLIF: {
    required: ['tau_syn', 'tau_mem', 'r', 'v_leak', 'v_threshold'],
    optional: ['w_in', 'v_reset'],
  },
  Conv1d: {
    required: ['weight'],
    optional: ['stride', 'padding', 'dilation', 'groups', 'bias', 'input_shape'],
  },
  Conv2d: {
    required: ['weight'],
    optional: ['stride', 'padding', 'dilation', 'groups', 'bias', 'input_shape'],
  },
  SumPool2d: { required: ['kernel_size', 'stride'], optional: ['padding'] },
  AvgPool2d: { required: ['kernel_size', 'stride'], optional: ['padding'] },
};
/** `Integrator` is the name NIR's documentation gives `I`. */
const ALIASES: Record<string, string> = { Integrator: 'I' };
const TIME_CONSTANTS = new Set(['tau', 'tau_mem', 'tau_syn']);
const TYPES = [...Object.keys(PRIMITIVES), 'NIRGraph'];

function text(ds: H5Dataset | H5Group | undefined): string | null {
  return ds?.kind === 'dataset' && Array.isArray(ds.value) && ds.value.length === 1
    ? ds.value[0]!
    : null;
}

function numbers(ds: H5Dataset, where: string): NirArray {
  const v = ds.value;
  if (Array.isArray(v)) throw invalid(where, v[0], 'numbers', 'INVALID_FILE');
  const data =
    v instanceof BigInt64Array
      ? Float64Array.from(v, Number)
      : Float64Array.from(v as Float64Array);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new SpikelabError(
        'NOT_FINITE',
        `${where}[${i}]: got ${data[i]}; allowed: a finite number`,
      );
    }
  }
  return { shape: ds.shape, data };
}

function metadataOf(g: H5Group | H5Dataset | undefined): Record<string, number | string> | null {
  if (g?.kind !== 'group') return null;
  const out: Record<string, number | string> = {};
  for (const [k, v] of g.children) {
    if (v.kind !== 'dataset') continue;
    const s = text(v);
    if (s !== null) out[k] = s;
    else if (!Array.isArray(v.value) && v.value.length === 1) out[k] = Number(v.value[0]);
  }
  return out;
}

function parseNode(g: H5Group, name: string): NirNode {
  const rawType = text(g.children.get('type'));
  if (rawType === null)
    throw new SpikelabError('INVALID_FILE', `node ${name}: no 'type' string dataset`);
  const type = ALIASES[rawType] ?? rawType;
  if (type === 'NIRGraph') {
    const meta = metadataOf(g.children.get('metadata'));
    return { type, params: {}, graph: parseGraph(g, name), ...(meta && { metadata: meta }) };
  }
  const spec = PRIMITIVES[type];
  if (!spec) {
    throw new SpikelabError(
      'UNKNOWN_TYPE',
      `node ${name}: type ${JSON.stringify(rawType)} has no spikelab mapping; allowed: ${TYPES.join(', ')}`,
    );
  }
  const params: Record<string, NirArray> = {};
  const strings: Record<string, string> = {};
  for (const [key, child] of g.children) {
    if (key === 'type' || key === 'metadata' || child.kind !== 'dataset') continue;
    const s = text(child);
    if (s !== null) strings[key] = s;
    else if (!Array.isArray(child.value)) params[key] = numbers(child, `node ${name}.${key}`);
  }
  for (const p of spec.required) {
    if (!(p in params)) {
      throw new SpikelabError(
        'INVALID_FILE',
        `node ${name} (${type}): parameter ${p} missing; ${type} needs ${spec.required.join(', ')}`,
      );
    }
  }
  for (const p of Object.keys(params)) {
    if (!TIME_CONSTANTS.has(p) && p !== 'delay') continue;
    const d = params[p]!.data;
    const bad = d.findIndex((x) => (p === 'delay' ? x < 0 : !(x > 0)));
    if (bad >= 0) {
      throw invalid(
        `node ${name}.${p}[${bad}]`,
        d[bad],
        p === 'delay' ? 'a delay ≥ 0 (s)' : 'a time constant > 0 (s)',
      );
    }
  }
  const meta = metadataOf(g.children.get('metadata'));
  return {
    type,
    params,
    ...(Object.keys(strings).length > 0 && { strings }),
    ...(meta && { metadata: meta }),
  };
}

function parseGraph(g: H5Group, where: string): NirGraph {
  const nodesGroup = g.children.get('nodes');
  if (nodesGroup?.kind !== 'group')
    throw new SpikelabError('INVALID_FILE', `${where}: a NIRGraph without a 'nodes' group`);
  const nodes = new Map<string, NirNode>();
  for (const [name, child] of nodesGroup.children) {
    if (child.kind !== 'group')
      throw new SpikelabError(
        'INVALID_FILE',
        `${where}.nodes.${name}: a dataset, not a node group`,
      );
    nodes.set(name, parseNode(child, name));
  }
  const e = g.children.get('edges');
  let edges: [string, string][] = [];
  if (e?.kind === 'dataset' && Array.isArray(e.value)) {
    const v = e.value;
    if (v.length % 2 !== 0 || (e.shape.length > 0 && e.shape[e.shape.length - 1] !== 2))
      throw invalid(
        `${where}.edges`,
        `shape [${e.shape}]`,
        'an (E, 2) array of node names',
        'INVALID_FILE',
      );
    edges = Array.from({ length: v.length / 2 }, (_, k) => [v[2 * k]!, v[2 * k + 1]!]);
  } else if (!(e?.kind === 'dataset' && e.value.length === 0)) {
    throw new SpikelabError('INVALID_FILE', `${where}: no 'edges' string dataset`);
  }
  const meta = metadataOf(g.children.get('metadata'));
  return { nodes, edges, ...(meta && { metadata: meta }) };
}

/** Versions 0.1.x to 1.0.x: the layout has not changed over them. */
function checkVersion(v: string, where: string): void {
  const m = /^(\d+)\.(\d+)\./.exec(v);
  const ok = m && ((m[1] === '0' && Number(m[2]) >= 1) || (m[1] === '1' && m[2] === '0'));
  if (!ok)
    throw invalid(`${where}: version`, v, 'a NIR version from 0.1.0 to 1.0.x', 'INVALID_FILE');
}

/** The NIR file in an HDF5 tree, validated. */
export function parseNirTree(root: H5Group, where: string): NirFile {
  const version = text(root.children.get('version'));
  if (version === null)
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: no root 'version' string dataset; not a NIR file`,
    );
  checkVersion(version, where);
  const node = root.children.get('node');
  if (node?.kind !== 'group') {
    throw new SpikelabError(
      'INVALID_FILE',
      `${where}: no 'node' group at the root (found ${[...root.children.keys()].join(', ') || 'nothing'}); not a NIR file`,
    );
  }
  const type = text(node.children.get('type'));
  if (type !== 'NIRGraph') throw invalid(`${where}: node.type`, type, '"NIRGraph"', 'INVALID_FILE');
  return { version, graph: parseGraph(node, 'node') };
}

function dataset(a: NirArray, float32: boolean): H5Dataset {
  return {
    kind: 'dataset',
    shape: a.shape,
    value: float32 ? Float32Array.from(a.data) : a.data,
  };
}

const FLOAT32_PARAMS = new Set(['weight', 'bias', 'scale']);
const INT_PARAMS = new Set(['shape', 'stride', 'padding', 'dilation', 'groups', 'kernel_size']);

function metaGroup(m: Record<string, number | string>): H5Group {
  const children = new Map<string, H5Dataset>();
  for (const [k, v] of Object.entries(m)) {
    children.set(k, {
      kind: 'dataset',
      shape: [],
      value: typeof v === 'string' ? [v] : Float64Array.of(v),
    });
  }
  return { kind: 'group', children };
}

function nodeTree(n: NirNode): H5Group {
  if (n.graph) return graphTree(n.graph);
  const children = new Map<string, H5Group | H5Dataset>();
  children.set('type', { kind: 'dataset', shape: [], value: [n.type] });
  for (const [k, a] of Object.entries(n.params)) {
    children.set(
      k,
      INT_PARAMS.has(k)
        ? { kind: 'dataset', shape: a.shape, value: BigInt64Array.from(a.data, (x) => BigInt(x)) }
        : dataset(a, FLOAT32_PARAMS.has(k)),
    );
  }
  for (const [k, s] of Object.entries(n.strings ?? {}))
    children.set(k, { kind: 'dataset', shape: [], value: [s] });
  if (n.metadata && Object.keys(n.metadata).length > 0)
    children.set('metadata', metaGroup(n.metadata));
  return { kind: 'group', children };
}

function graphTree(g: NirGraph): H5Group {
  const nodes = new Map<string, H5Group>();
  for (const [name, n] of g.nodes) nodes.set(name, nodeTree(n));
  const children = new Map<string, H5Group | H5Dataset>([
    ['type', { kind: 'dataset', shape: [], value: ['NIRGraph'] }],
    ['nodes', { kind: 'group', children: nodes }],
    ['edges', { kind: 'dataset', shape: [g.edges.length, 2], value: g.edges.flat() }],
  ]);
  if (g.metadata && Object.keys(g.metadata).length > 0)
    children.set('metadata', metaGroup(g.metadata));
  return { kind: 'group', children };
}

/** The HDF5 tree nir.write produces for a graph (version dataset, node group). */
export function nirTree(file: NirFile): H5Group {
  return {
    kind: 'group',
    children: new Map<string, H5Group | H5Dataset>([
      ['version', { kind: 'dataset', shape: [], value: [file.version] }],
      ['node', graphTree(file.graph)],
    ]),
  };
}
