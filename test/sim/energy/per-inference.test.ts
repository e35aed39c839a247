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

describe('energy of a rate network on conventional hardware (Horowitz 2014 energies; Jouppi et al. 2017 devices)', () => {
  it('CPU-class FP32: 101,632 MACs × 4.6 pJ = 467.5 nJ dynamic; compute-bound on one Haswell core (2.8 µs at 36.1 G MAC/s), which pays 41 W / 18 of idle power for it', () => {
    const e = rateNetworkEnergy({ macs: MLP_MACS }, cpuEnergy);
    expect(e.dynamicJoules).toBeCloseTo(MLP_MACS * 4.6e-12, 18);
    expect(e.breakdown).toEqual({ mac: e.dynamicJoules });
    const seconds = MLP_MACS / (1.3e12 / 2 / 18);
    expect(e.seconds).toBeCloseTo(seconds, 15);
    expect(e.staticJoules.usedCores).toBeCloseTo((41 / 18) * seconds, 15);
    expect(e.staticJoules.wholeChips).toBeCloseTo(41 * seconds, 15);
    expect(e.joules).toBeCloseTo(e.dynamicJoules + e.staticJoules.usedCores!, 18);
    expect(e.energyDelayProduct).toBeCloseTo(e.joules * e.seconds, 24);
    expect([e.complete, e.table, e.samples, e.timeModel]).toEqual([true, 'cpu', 1, 'roofline']);
    expect(e.source).toMatch(/Horowitz 2014/);
    expect(e.staticSource).toMatch(/Jouppi et al\. 2017/);
  });

  it('memory-bound when the weights take longer to stream than to multiply: 101,632 float32 weights = 50,816 DRAM accesses of 64 bits at 51 GB/s = 7.97 µs', () => {
    const e = rateNetworkEnergy({ macs: MLP_MACS, dramAccesses: MLP_MACS / 2 }, cpuEnergy);
    expect(e.seconds).toBeCloseTo((MLP_MACS * 4) / 51e9, 15);
    expect(e.breakdown.dramAccess).toBeCloseTo((MLP_MACS / 2) * 1.3e-9, 15);
  });

  it('accelerator-class INT8 on a TPU v1: MACs at 0.23 pJ, activations in the unified buffer at 100 pJ per 64 bits, 28 W idle over the weights’ stream at 34 GB/s', () => {
    // 101,632 INT8 weights read once from the weight DRAM: 12,704 accesses of 64 bits.
    const e = rateNetworkEnergy(
      { macs: MLP_MACS, sramAccesses: 1000, dramAccesses: MLP_MACS / 8 },
      acceleratorEnergy,
    );
    expect(e.breakdown.mac).toBeCloseTo(MLP_MACS * 0.23e-12, 18);
    expect(e.breakdown.sramAccess).toBeCloseTo(1000 * 100e-12, 18);
    expect(e.breakdown.dramAccess).toBeCloseTo(12_704 * 1.3e-9, 15);
    expect(e.seconds).toBeCloseTo(MLP_MACS / 34e9, 15);
    // one matrix unit per chip: the used cores are the whole chip
    expect(e.staticJoules.usedCores).toBeCloseTo(28 * e.seconds, 15);
    expect(e.staticJoules.wholeChips).toBe(e.staticJoules.usedCores);
  });

  it('counts over 50 samples divided by 50 give the per-sample figure of one', () => {
    const one = rateNetworkEnergy({ macs: MLP_MACS, dramAccesses: 10 }, cpuEnergy);
    const fifty = rateNetworkEnergy({ macs: 50 * MLP_MACS, dramAccesses: 500 }, cpuEnergy, 50);
    expect(fifty.joules).toBeCloseTo(one.joules, 18);
    expect(fifty.seconds).toBeCloseTo(one.seconds, 18);
    expect(fifty.total.joules).toBeCloseTo(50 * one.joules, 16);
  });

  it('a table without MAC costs or a rate-network time model reports the energy as incomplete instead of inventing one', () => {
    const e = rateNetworkEnergy({ macs: 1000 }, loihiEnergy);
    expect([e.joules, e.complete, e.unpriced]).toEqual([0, false, ['mac', 'time']]);
    expect(() => rateNetworkEnergy({ macs: -1 })).toThrow('mac: got -1; allowed: a count ≥ 0');
  });
});

describe('energy per inference of a spiking run', () => {
  it('4 samples of 50 ticks with resets in between: one report, divided by 4; static power of the cores used for 50 ms per sample', () => {
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
    expect(report.time).toMatchObject({ seconds: 0.2, model: 'fixed-tick', realTimeFactor: 1 });
    const e = energyPerInference(report.energy, 4, mapped.platform.energy);
    expect(e.joules).toBeCloseTo(report.energy.joules / 4, 15);
    expect(e.seconds).toBeCloseTo(0.05, 15);
    // per sample: 50 ticks × 400 updates × 26 nJ, and 0.36 W × (cores / 16) for 50 ms
    expect(e.breakdown.neuronUpdate).toBeCloseTo(50 * 400 * 26e-9, 15);
    const cores = mapped.placement.totalCores;
    expect(e.staticJoules.usedCores).toBeCloseTo((0.05 * 0.36 * cores) / 16, 15);
    expect(e.staticJoules.wholeChips).toBeCloseTo(0.05 * 0.36, 15);
    const parts = Object.values(e.breakdown).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(e.dynamicJoules, 15);
    expect(e.source).toBe(report.energy.source);
    expect(() => energyPerInference(report.energy, 0, mapped.platform.energy)).toThrow(
      'samples: got 0',
    );
  });
});
