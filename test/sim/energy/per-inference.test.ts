import { describe, expect, it } from 'vitest';
import {
  acceleratorEnergy,
  cpuEnergy,
  energyPerInference,
  rateNetworkEnergy,
} from '../../../sim/energy/index.ts';
import { loihiEnergy } from '../../../sim/energy/loihi.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { createCounter } from '../../../sim/hardware/map.ts';
import { mapOnto } from '../../../sim/hardware/platform-run.ts';
import { platform } from '../../../sim/hardware/platforms.ts';
import { hardwareReport } from '../../../sim/hardware/report.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';

// One forward pass of an MLP 784-128-10: 784·128 + 128·10 = 101,632 multiply–accumulates.
const MLP_MACS = 784 * 128 + 128 * 10;

describe('energy of a rate network on conventional hardware (Horowitz 2014, 45 nm)', () => {
  it('CPU-class FP32: 101,632 MACs × 4.6 pJ = 467.5 nJ per inference', () => {
    const e = rateNetworkEnergy({ macs: MLP_MACS }, cpuEnergy);
    expect(e.joules).toBeCloseTo(MLP_MACS * 4.6e-12, 18);
    expect(e.breakdown).toEqual({ mac: e.joules });
    expect([e.complete, e.table, e.samples]).toEqual([true, 'cpu', 1]);
    expect(e.source).toMatch(/Horowitz 2014/);
  });

  it('accelerator-class INT8: MACs at 0.23 pJ, weights from 32 KB SRAM at 20 pJ per 64 bits', () => {
    // 101,632 INT8 weights read once: 101,632 / 8 = 12,704 accesses of 64 bits.
    const e = rateNetworkEnergy({ macs: MLP_MACS, sramAccesses: MLP_MACS / 8 }, acceleratorEnergy);
    expect(e.breakdown.mac).toBeCloseTo(MLP_MACS * 0.23e-12, 18);
    expect(e.breakdown.sramAccess).toBeCloseTo(12_704 * 20e-12, 18);
    expect(e.joules).toBeCloseTo(e.breakdown.mac! + e.breakdown.sramAccess!, 18);
  });

  it('counts over 50 samples divided by 50 give the per-sample figure of one', () => {
    const one = rateNetworkEnergy({ macs: MLP_MACS, dramAccesses: 10 }, cpuEnergy);
    const fifty = rateNetworkEnergy({ macs: 50 * MLP_MACS, dramAccesses: 500 }, cpuEnergy, 50);
    expect(fifty.joules).toBeCloseTo(one.joules, 18);
    expect(fifty.total.joules).toBeCloseTo(50 * one.joules, 16);
  });

  it('a table without MAC costs reports the energy as incomplete instead of inventing one', () => {
    const e = rateNetworkEnergy({ macs: 1000 }, loihiEnergy);
    expect([e.joules, e.complete, e.unpriced]).toEqual([0, false, ['mac']]);
    expect(() => rateNetworkEnergy({ macs: -1 })).toThrow('mac: got -1; allowed: a count ≥ 0');
  });
});

describe('energy per inference of a spiking run', () => {
  it('4 samples of 50 ticks with resets in between: one report, divided by 4, breakdown per sample', () => {
    const net = buildNetwork(cuba({ n: 400, dt: 1, seed: 3 }));
    const mapped = mapOnto(net, platform('spinnaker'));
    const counter = createCounter(mapped);
    const sim = new Simulator(net, { listeners: [counter] });
    let events = 0;
    for (let s = 0; s < 4; s++) {
      sim.reset({ seed: 10 + s });
      events += sim.run(50).counts.synapticEvents;
    }
    counter.finish(50);
    const report = hardwareReport(mapped, counter);
    expect(report.ticks).toBe(200);
    expect(report.synapticEvents).toBe(events);
    const e = energyPerInference(report.energy, 4);
    expect(e.joules).toBeCloseTo(report.energy.joules / 4, 15);
    // per sample: 50 ticks × 400 updates × 26 nJ, and static power of 1 chip for 50 ms
    expect(e.breakdown.neuronUpdate).toBeCloseTo(50 * 400 * 26e-9, 15);
    expect(e.breakdown.static).toBeCloseTo(
      0.05 * mapped.platform.energy.staticWattsPerChip.joules!,
      15,
    );
    const parts = Object.values(e.breakdown).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(e.joules, 15);
    expect(e.source).toBe(report.energy.source);
    expect(() => energyPerInference(report.energy, 0)).toThrow('samples: got 0');
  });
});
