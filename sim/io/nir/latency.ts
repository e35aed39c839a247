/**
 * How far each population runs behind the frameworks' step: the longest
 * feed-forward path from an Input in projections. Edges that close a cycle
 * (found by depth-first search from the inputs) are the recurrent ones,
 * which the frameworks feed with the previous step's spikes.
 */
/** Longest feed-forward path (in projections) from an Input; edges closing a cycle found by DFS are recurrent. */
export function latencies<E extends { pre: string; post: string }>(
  pops: string[],
  inputs: string[],
  edges: E[],
): { latency: Map<string, number>; back: Set<E> } {
  const out = new Map<string, E[]>(pops.map((p) => [p, []]));
  for (const e of edges) out.get(e.pre)!.push(e);
  const state = new Map<string, 1 | 2>();
  const back = new Set<E>();
  const order: string[] = [];
  const visit = (p: string) => {
    state.set(p, 1);
    for (const e of out.get(p)!) {
      const s = state.get(e.post);
      if (s === 1) back.add(e);
      else if (s === undefined) visit(e.post);
    }
    state.set(p, 2);
    order.push(p);
  };
  for (const p of [...inputs, ...pops]) if (!state.has(p)) visit(p);
  const latency = new Map<string, number>(pops.map((p) => [p, inputs.includes(p) ? 0 : 1]));
  for (const p of order.reverse()) {
    for (const e of out.get(p)!) {
      if (!back.has(e)) latency.set(e.post, Math.max(latency.get(e.post)!, latency.get(p)! + 1));
    }
  }
  return { latency, back };
}
