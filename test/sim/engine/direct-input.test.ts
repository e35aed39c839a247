/**
 * Direct input (sim/engine/runtime.ts): a population of IF_curr_exp neurons
 * whose every input arrives with a one-tick delay gets
 * the previous tick's spikes added to its synaptic variables right after its
 * update, with no ring buffer. It must be the ring buffer's dynamics: when
 * each target receives at most one event per tick the two are bit-identical
 * (x + w rounds once either way); with several they differ only in the order
 * of float32 additions. Passing `deliver` (here the default function itself)
 * keeps the ring buffer, which is how the two are compared.
 */
import { describe, expect, it } from 'vitest';
import { deliver } from '../../../sim/engine/deliver.ts';
import { IsiStats } from '../../../sim/engine/isi-stats.ts';
import { SpikeMonitor, StateMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';

const usesRingBuffer = (sim: Simulator, label: string) =>
  sim.arena.plan.entries.some((e) => e.name === `${label}.inputI`);

/** Three sources with spike trains → 5 IF_curr_exp neurons, one synapse each way, delay one tick. */
function pulses(): NetworkSpec {
  const w = 0.4;
  return {
    schemaVersion: 1,
    dt: 0.1,
    seed: 1,
    populations: [
      {
        label: 'src',
        size: 3,
        model: 'SpikeSourceArray',
        params: {
          spikeTimes: [
            [1, 5, 5.3, 9],
            [2, 5.1, 12],
            [0.5, 7.7],
          ],
        },
      },
      {
        label: 'post',
        size: 5,
        model: 'IF_curr_exp',
        params: { tauRefrac: 1, vThresh: -64.9, vReset: -70 },
      },
    ],
    projections: [
      {
        pre: 'src',
        post: 'post',
        connector: { type: 'fromList', pre: [0, 1, 2, 0], post: [0, 1, 2, 4] },
        weight: w,
        delay: 0.1,
        receptor: 'excitatory',
      },
      {
        pre: 'src',
        post: 'post',
        connector: { type: 'fromList', pre: [2, 1], post: [3, 4] },
        weight: w,
        delay: 0.1,
        receptor: 'inhibitory',
      },
    ],
  };
}

function trace(spec: NetworkSpec, ring: boolean) {
  const mon = new SpikeMonitor(spec.dt);
  const sim = new Simulator(buildNetwork(spec), { listeners: [mon], ...(ring && { deliver }) });
  const all = Uint32Array.from([0, 1, 2, 3, 4]);
  const monitors = ['v', 'iSynE', 'iSynI'].map((v) => new StateMonitor(sim, 'post', v, all));
  sim.run(200);
  return { sim, spikes: mon.record(), values: monitors.map((m) => Array.from(m.values())) };
}

describe('direct input', () => {
  it("IF_curr_exp: a one-tick projection needs no ring buffer, and v, iSynE, iSynI follow the ring buffer's trajectory bit for bit (one event per target per tick)", () => {
    const direct = trace(pulses(), false);
    const ring = trace(pulses(), true);
    expect(usesRingBuffer(direct.sim, 'post')).toBe(false);
    expect(usesRingBuffer(ring.sim, 'post')).toBe(true);
    // the input shows: synaptic variables leave 0 one tick after a source spike, neurons 0–4 fire
    expect(Math.max(...direct.values[1]!)).toBeGreaterThan(0);
    expect(direct.spikes.ids.length).toBeGreaterThanOrEqual(3);
    expect(direct.values).toEqual(ring.values);
    expect(direct.spikes).toEqual(ring.spikes);
  });

  it('CUBA, 300 ms: the same spikes and counts as through the ring buffer; events = Σ fan-out of the spikes', () => {
    const run = (ring: boolean) => {
      const net = buildNetwork(cuba({ seed: 4 }));
      const mon = new SpikeMonitor(0.1);
      const sim = new Simulator(net, { listeners: [mon], ...(ring && { deliver }) });
      return {
        net,
        counts: sim.run(3000).counts,
        rec: mon.record(),
        direct: !usesRingBuffer(sim, 'exc'),
      };
    };
    const direct = run(false);
    const ring = run(true);
    expect([direct.direct, ring.direct]).toEqual([true, false]);
    expect(direct.counts).toEqual(ring.counts);
    expect(direct.rec).toEqual(ring.rec);
    let fanOut = 0;
    for (const id of direct.rec.ids) {
      for (const p of direct.net.projections) {
        const pre = direct.net.populations[p.pre]!;
        if (id >= pre.offset && id < pre.offset + pre.size)
          fanOut += p.rowStart[id - pre.offset + 1]! - p.rowStart[id - pre.offset]!;
      }
    }
    expect(direct.counts.synapticEvents).toBe(fanOut);
  });

  it('populations with Poisson drive or longer delays keep their ring buffers', () => {
    const spec = cuba({ n: 200, seed: 1 });
    spec.projections[0]!.delay = 0.2;
    const sim = new Simulator(buildNetwork(spec));
    expect(usesRingBuffer(sim, 'exc')).toBe(true); // exc → exc at two ticks
    expect(usesRingBuffer(sim, 'inh')).toBe(false);
    const stats = new IsiStats(sim.network);
    sim.addListener(stats);
    sim.run(2000);
    expect(stats.neurons().spikes).toBeGreaterThan(100);
  });
});
