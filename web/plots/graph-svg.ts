/**
 * A computation graph as a small SVG: dagre's layered layout (inputs on the
 * left, the loss on the right), one box per node with its value and, once
 * the backward pass has reached it, its gradient; edges carry the name of
 * the op that consumes them. A value used twice (e·e) gets one edge marked ×2.
 */
import dagre from '@dagrejs/dagre';
import type { GraphNodeView } from '../worker/lecture/graph.ts';

const SVG = 'http://www.w3.org/2000/svg';

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export const showVector = (v: readonly number[]): string =>
  v.length === 1
    ? fmt(v[0]!)
    : `(${v.slice(0, 4).map(fmt).join(', ')}${v.length > 4 ? ', …' : ''})`;

function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 1e4 || a < 1e-3) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

export interface GraphDraw {
  nodes: GraphNodeView[];
  /** Gradient table after the current step (null entries: not reached yet). */
  grads: (number[] | null)[];
  /** The node whose backward rule ran last, or −1. */
  active: number;
}

/** Lays out and draws the graph into `host`, replacing what was there. */
export function drawGraph(host: HTMLElement, d: GraphDraw): void {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of d.nodes) {
    // room for the gradient too: it has the value's shape, at up to 8 characters an element
    const chars = Math.max(n.label.length, 4 + 9 * Math.min(n.value.length, 5));
    const width = Math.max(84, 7 * chars);
    g.setNode(String(n.id), { width, height: 50 });
  }
  for (const n of d.nodes) {
    const seen = new Set<number>();
    for (const p of n.parents) {
      if (seen.has(p)) continue;
      seen.add(p);
      const twice = n.parents.filter((q) => q === p).length > 1;
      g.setEdge(String(p), String(n.id), {
        label: `${n.op}${twice ? ' ×2' : ''}`,
        width: 60,
        height: 14,
        labelpos: 'c',
      });
    }
  }
  dagre.layout(g);
  const size = g.graph();
  const svg = el('svg', {
    class: 'graph-svg',
    viewBox: `0 0 ${size.width ?? 100} ${size.height ?? 100}`,
    width: size.width ?? 100,
    height: size.height ?? 100,
    role: 'img',
    'aria-label': 'computation graph',
  });
  const defs = el('defs', {});
  const marker = el('marker', {
    id: 'graph-arrow',
    viewBox: '0 0 10 10',
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto',
  });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#5f6368' }));
  defs.append(marker);
  svg.append(defs);
  for (const e of g.edges()) {
    const edge = g.edge(e);
    const pts = edge.points ?? [];
    const path = pts
      .map((p: { x: number; y: number }, i: number) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`)
      .join(' ');
    svg.append(el('path', { d: path, class: 'graph-edge', 'marker-end': 'url(#graph-arrow)' }));
    if (edge.x !== undefined && edge.y !== undefined)
      svg.append(
        el('text', { x: edge.x, y: edge.y + 4, class: 'graph-op' }, String(edge['label'] ?? '')),
      );
  }
  for (const n of d.nodes) {
    const box = g.node(String(n.id));
    const x = box.x - box.width / 2;
    const y = box.y - box.height / 2;
    const grad = d.grads[n.id] ?? null;
    const group = el('g', {
      class: `graph-node ${n.kind}${n.id === d.active ? ' active' : ''}`,
      'data-node': n.id,
    });
    group.append(el('rect', { x, y, width: box.width, height: box.height, rx: 7 }));
    group.append(el('text', { x: box.x, y: y + 15, class: 'graph-label' }, n.label));
    group.append(el('text', { x: box.x, y: y + 30 }, showVector(n.value)));
    if (grad)
      group.append(
        el('text', { x: box.x, y: y + 44, class: 'graph-grad' }, `∂ ${showVector(grad)}`),
      );
    svg.append(group);
  }
  host.replaceChildren(svg);
}
