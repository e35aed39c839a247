/**
 * Counting a network simulated at dt 0.1 ms on a chip with a 1 ms tick:
 * delays move to the chip's grid, spikes of ten engine ticks share one
 * platform tick, and nothing is lost or double-counted on the way.
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { createCounter, mapNetwork } from '../../../sim/hardware/map.ts';
import { onPlatformClock, PlatformClock } from '../../../sim/hardware/platform-clock.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../../sim/hardware/report.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import { network, projection } from './fixtures.ts';

const spinnaker = platform('spinnaker');

/** One source neuron with four synapses onto three neurons, delays 1, 5, 15 and 30 engine ticks. */
const fanOut = network(
  [
    ['src', 1],
    ['dst', 3],
  ],
  [
    projection(0, 1, 1, [
      { i: 0, j: 0, delay: 1 },
      { i: 0, j: 0, delay: 5 },
      { i: 0, j: 1, delay: 15 },
      { i: 0, j: 2, delay: 30 },
    ]),
  ],
);

describe('onPlatformClock', () => {
  it('delays of 1, 5, 15, 30 ticks at dt 0.1 ms become 1, 1, 2, 3 ticks of 1 ms (rounded, at least one)', () => {
    const shape = onPlatformClock(fanOut, 0.1, 1);
    expect(Array.from(shape.projections[0]!.delays)).toEqual([1, 1, 2, 3]);
    expect(shape.projections[0]!.targets).toBe(fanOut.projections[0]!.targets);
  });

  it('is the identity when dt equals the platform tick', () => {
    expect(onPlatformClock(fanOut, 1, 1)).toBe(fanOut);
  });
});

describe('PlatformClock', () => {
  it('spikes at engine ticks 3 and 7 (dt 0.1 ms) load platform tick 0 with 2 × 4 = 8 synaptic events', () => {
    const mapped = mapNetwork(onPlatformClock(fanOut, 0.1, 1), spinnaker, { sources: [0] });
    const clock = new PlatformClock(createCounter(mapped), 0.1, 1);
    const one = Uint32Array.of(0);
    clock.onSpikes(3, one, 1);
    clock.onSpikes(7, one, 1);
    clock.onSpikes(12, one, 1);
    clock.finish(20);
    const c = clock.counter;
    expect(c.ticks).toBe(2);
    expect(c.spikes).toBe(3);
    expect(c.synapticEvents).toBe(12);
    expect(c.worstLoad).toBe(8);
    expect(c.worstTick).toBe(0);
  });

  it('a partial platform tick counts: 25 engine ticks at dt 0.1 ms are 3 platform ticks', () => {
    const mapped = mapNetwork(fanOut, spinnaker, { sources: [0] });
    const clock = new PlatformClock(createCounter(mapped), 0.1, 1);
    clock.finish(25);
    expect(clock.counter.ticks).toBe(3);
  });

  it('CUBA 1,000 for 100 ms at dt 0.1 ms on SpiNNaker: 100 platform ticks, 100 × 1,000 neuron updates, the engine’s spikes and synaptic events exactly', () => {
    const net = buildNetwork(cuba({ n: 1000, dt: 0.1, seed: 3 }));
    const mapped = mapNetwork(onPlatformClock(net, net.dt, 1), spinnaker);
    const clock = new PlatformClock(createCounter(mapped), net.dt, 1);
    const sim = new Simulator(net, { listeners: [clock] });
    const r = sim.run(1000);
    clock.finish(r.ticks);
    const report = hardwareReport(mapped, clock.counter);
    expect(r.counts.spikes).toBeGreaterThan(100);
    expect(report.ticks).toBe(100);
    expect(report.durationMs).toBe(100);
    expect(report.neuronUpdates).toBe(100 * 1000);
    expect(report.spikes).toBe(r.counts.spikes);
    expect(report.synapticEvents).toBe(r.counts.synapticEvents);
  });
});
