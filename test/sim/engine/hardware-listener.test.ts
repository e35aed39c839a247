/**
 * The engine's network and spike listeners meet the hardware layer without
 * adapters: a built CUBA maps onto SpiNNaker 1, the hardware counter listens
 * to the simulation, and both count the same spikes and synaptic events
 * (conservation across the two layers).
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { createCounter, mapNetwork } from '../../../sim/hardware/map.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';

describe('engine → hardware counter', () => {
  it('CUBA 1,000 at dt 1 ms on SpiNNaker 1: the counter sees the engine’s spikes and synaptic events exactly', () => {
    const net = buildNetwork(cuba({ n: 1000, dt: 1, seed: 2 }));
    const mapped = mapNetwork(net, platform('spinnaker'));
    const counter = createCounter(mapped);
    const sim = new Simulator(net, { listeners: [counter] });
    const r = sim.run(1000);
    expect(r.counts.spikes).toBeGreaterThan(1000);
    expect(counter.spikes).toBe(r.counts.spikes);
    expect(counter.synapticEvents).toBe(r.counts.synapticEvents);
  });
});
