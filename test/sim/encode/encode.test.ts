import { describe, expect, it } from 'vitest';
import { currentInput } from '../../../sim/encode/current.ts';
import { latencyCurrents, latencyTicks, NO_SPIKE } from '../../../sim/encode/latency.ts';
import { poissonRates } from '../../../sim/encode/rate.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';

describe('input encoders', () => {
  it('current: x·gain, values ≤ 0 silent (a rate cannot be negative)', () => {
    expect(Array.from(currentInput([0.5, -1, 0, 2], 0.5))).toEqual([0.25, 0, 0, 1]);
  });

  it('current: an IF input neuron with current x fires round(x·T) ± 1 spikes in T ticks', () => {
    const xs = [0, 0.013, 0.25, 0.5, 0.77, 1];
    const net = buildNetwork({
      schemaVersion: 1,
      dt: 1,
      seed: 0,
      populations: [
        { label: 'in', size: xs.length, model: 'IF_nonleaky', params: { vThresh: 1, vReset: 0 } },
      ],
      projections: [],
    });
    const counts = new Array(xs.length).fill(0);
    const sim = new Simulator(net, {
      listeners: [
        {
          onSpikes: (_t, ids, n) => {
            for (let k = 0; k < n; k++) counts[ids[k]!]++;
          },
        },
      ],
    });
    sim.setIOffset('in', currentInput(xs));
    sim.run(1000);
    xs.forEach((x, i) => {
      expect(Math.abs(counts[i] - x * 1000)).toBeLessThanOrEqual(1);
    });
  });

  it('poisson: x·maxRate, clipped to [0, maxRate]', () => {
    expect(Array.from(poissonRates([0.5, -0.2, 1.5, 0], 1000))).toEqual([500, 0, 1000, 0]);
    expect(() => poissonRates([1], 0)).toThrow(/maxRateHz: got 0/);
  });

  it('latency: x = 1 fires in tick 0, x → 0 near the end of the window, x ≤ 0 never', () => {
    const t = latencyTicks([1, 0.5, 0.01, 0, -1, 3], 11);
    expect(Array.from(t)).toEqual([0, 5, 10, NO_SPIKE, NO_SPIKE, 0]);
  });

  it('latency: one-shot IF neurons driven by latencyCurrents fire once, exactly in the requested ticks (0…99)', () => {
    const ticks = Int32Array.from({ length: 100 }, (_, i) => i);
    ticks[7] = NO_SPIKE;
    const net = buildNetwork({
      schemaVersion: 1,
      dt: 1,
      seed: 0,
      populations: [
        {
          label: 'in',
          size: 100,
          model: 'IF_nonleaky',
          params: { vThresh: 1, vReset: 0, tauRefrac: 1e9 },
        },
      ],
      projections: [],
    });
    const fired: number[][] = Array.from({ length: 100 }, () => []);
    const sim = new Simulator(net, {
      listeners: [
        {
          onSpikes: (t, ids, n) => {
            for (let k = 0; k < n; k++) fired[ids[k]!]!.push(t);
          },
        },
      ],
    });
    sim.setIOffset('in', latencyCurrents(ticks));
    sim.run(300);
    fired.forEach((f, i) => {
      expect(f).toEqual(i === 7 ? [] : [i]);
    });
  });
});
