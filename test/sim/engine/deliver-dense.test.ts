/**
 * The WebAssembly row delivery must not change a single spike: the same
 * float32 additions in the same order as the CSR walk. Checked on random
 * fully connected layers (mixed-sign weights, bias currents, row lengths
 * that are not multiples of 4 or 16) against the TypeScript engine.
 */
import { describe, expect, it } from 'vitest';
import { denseDelivery, isFullyConnected } from '../../../sim/engine/deliver-dense.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { Rng } from '../../../src/core/rng.ts';

function layered(sizes: number[], seed: number, zeroAt = -1): NetworkSpec {
  const rng = new Rng(seed);
  const params = { vThresh: 1, vReset: 0 };
  return {
    schemaVersion: 1,
    dt: 1,
    seed,
    populations: sizes.map((size, l) => ({
      label: `l${l}`,
      size,
      model: 'IF_nonleaky' as const,
      params,
      iOffset: Float32Array.from({ length: size }, () =>
        rng.range(l === 0 ? 0 : -0.05, l === 0 ? 1 : 0.1),
      ),
    })),
    projections: sizes.slice(1).map((post, l) => {
      const w = Float32Array.from({ length: sizes[l]! * post }, () => rng.normal(0, 0.3));
      if (l === 0 && zeroAt >= 0) w[zeroAt] = 0;
      return {
        pre: `l${l}`,
        post: `l${l + 1}`,
        connector: { type: 'fromMatrix' as const, weights: w },
        delay: 1,
        receptor: 'excitatory' as const,
      };
    }),
  };
}

function trace(spec: NetworkSpec, fast: boolean, ticks: number) {
  const net = buildNetwork(spec);
  const d = fast ? denseDelivery(net) : null;
  if (fast) expect(d).not.toBeNull();
  const spikes: number[] = [];
  const sim = new Simulator(net, {
    listeners: [
      {
        onSpikes: (t, ids, n) => {
          for (let k = 0; k < n; k++) spikes.push(t * 1e6 + ids[k]!);
        },
      },
    ],
    ...(d ? { allocate: d.allocate, deliver: d.deliver } : {}),
  });
  const counts = sim.run(ticks).counts;
  const v = spec.populations.map((p) => Array.from(sim.stateVar(p.label, 'v')));
  return { spikes, counts, v, dense: d?.denseProjections ?? 0 };
}

describe('dense (WebAssembly row) delivery', () => {
  it('recognises fully connected projections and nothing else', () => {
    const net = buildNetwork(layered([5, 7, 3], 1, 4));
    expect(isFullyConnected(net.projections[0]!, 5, 7)).toBe(false); // one zero weight: no synapse
    expect(isFullyConnected(net.projections[1]!, 7, 3)).toBe(true);
  });

  it('gives bit-identical spikes, potentials and counts to the CSR walk (37-130-21-10, 300 ticks)', () => {
    const spec = layered([37, 130, 21, 10], 7);
    const a = trace(spec, false, 300);
    const b = trace(spec, true, 300);
    expect(b.dense).toBe(3);
    expect(a.spikes.length).toBeGreaterThan(1000); // the network is active, so the comparison means something
    expect(b.spikes).toEqual(a.spikes);
    expect(b.v).toEqual(a.v);
    expect(b.counts).toEqual(a.counts);
  });

  it('falls back to the CSR walk for a projection with a missing synapse, still identical', () => {
    const spec = layered([20, 33, 4], 3, 10);
    const a = trace(spec, false, 200);
    const b = trace(spec, true, 200);
    expect(b.dense).toBe(1);
    expect(b.spikes).toEqual(a.spikes);
    expect(b.counts).toEqual(a.counts);
  });

  it('serves one simulator per instance', () => {
    const net = buildNetwork(layered([4, 4], 2));
    const d = denseDelivery(net)!;
    new Simulator(net, { allocate: d.allocate, deliver: d.deliver });
    expect(() => new Simulator(net, { allocate: d.allocate, deliver: d.deliver })).toThrow(
      /one simulator/,
    );
  });
});
