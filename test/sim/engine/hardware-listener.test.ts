/**
 * The engine's network and spike listeners meet the hardware layer without
 * adapters, and nothing is lost on the way (event
 * conservation): on every platform the report's spikes and synaptic events
 * equal the engine's own counts, and its neuron updates equal the engine's
 * (spike sources are never updated, on either side).
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { createCounter } from '../../../sim/hardware/map.ts';
import { sourcePopulations } from '../../../sim/hardware/network-shape.ts';
import { mapOnto } from '../../../sim/hardware/platform-run.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../../sim/hardware/report.ts';
import { runOnPlatform } from '../../../sim/hardware/run-on-platform.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';

/** CUBA of 600 neurons at 1 ms ticks, plus 50 Poisson sources at 20 Hz driving the excitatory cells. */
function drivenCuba(seed: number): NetworkSpec {
  const base = cuba({ n: 600, dt: 1, seed });
  return {
    ...base,
    populations: [
      ...base.populations,
      { label: 'drive', size: 50, model: 'SpikeSourcePoisson', params: { rate: 20 } },
    ],
    projections: [
      ...base.projections,
      {
        pre: 'drive',
        post: 'exc',
        connector: { type: 'fixedProbability', p: 0.1 },
        weight: 0.081,
        delay: 2,
        receptor: 'excitatory',
      },
    ],
  };
}

describe('engine → hardware report on every platform', () => {
  const net = buildNetwork(drivenCuba(2));
  const ticks = 300;

  for (const name of ['spinnaker', 'spinnaker2', 'loihi', 'truenorth']) {
    it(`${name}: spikes and synaptic events equal the engine's; neuron updates = 300 ticks × 600 neurons, sources excluded`, () => {
      const mapped = mapOnto(net, platform(name), { sources: sourcePopulations(net) });
      const counter = createCounter(mapped);
      const sim = new Simulator(net, { listeners: [counter] });
      const r = sim.run(ticks);
      counter.finish(ticks);
      const report = hardwareReport(mapped, counter);
      expect(r.counts.populations[2]!.spikes).toBeGreaterThan(100); // the sources did fire
      expect(report.spikes).toBe(r.counts.spikes);
      expect(report.synapticEvents).toBe(r.counts.synapticEvents);
      expect(report.neuronUpdates).toBe(r.counts.neuronUpdates);
      expect(report.neuronUpdates).toBe(ticks * 600);
      expect(report.ticks).toBe(ticks);
      // Relays are the hardware's own work, reported apart (TrueNorth only).
      if (name === 'truenorth') expect(report.relay.neuronUpdates).toBeGreaterThan(0);
      else expect(report.relay).toEqual({ neuronUpdates: 0, spikes: 0, synapticEvents: 0 });
    });
  }

  it('runOnPlatform: both placements listen to one simulation and agree with its counts', () => {
    const run = runOnPlatform(net, {
      platform: 'spinnaker',
      placements: ['sequential', 'clustered'],
      durationMs: ticks,
    });
    expect(run.runs).toHaveLength(2);
    for (const { report } of run.runs) {
      expect(report.spikes).toBe(run.engine.spikes);
      expect(report.synapticEvents).toBe(run.engine.synapticEvents);
      expect(report.neuronUpdates).toBe(run.engine.neuronUpdates);
    }
    // the same simulation run alone gives the same counts
    const alone = new Simulator(net).run(ticks).counts;
    expect([alone.spikes, alone.synapticEvents]).toEqual([
      run.engine.spikes,
      run.engine.synapticEvents,
    ]);
  });

  it('refuses a network built at another tick than the platform’s (delays are counted in ticks)', () => {
    const fine = buildNetwork(cuba({ n: 100, dt: 0.1 }));
    expect(() => runOnPlatform(fine, { platform: 'loihi', durationMs: 10 })).toThrow(
      'dt: got 0.1; allowed: 1 ms, the tick of Intel Loihi',
    );
  });

  it('accumulates over engine resets: two samples of 150 ticks = one report of 300 ticks, spikes summed', () => {
    const mapped = mapOnto(net, platform('loihi'), { sources: sourcePopulations(net) });
    const counter = createCounter(mapped);
    const sim = new Simulator(net, { listeners: [counter] });
    const a = sim.run(150).counts;
    sim.reset({ seed: 7 });
    const b = sim.run(150).counts;
    counter.finish(150);
    const report = hardwareReport(mapped, counter);
    expect(report.ticks).toBe(300);
    expect(report.spikes).toBe(a.spikes + b.spikes);
    expect(report.synapticEvents).toBe(a.synapticEvents + b.synapticEvents);
    expect(report.neuronUpdates).toBe(300 * 600);
    expect(report.durationMs).toBe(300);
  });
});
