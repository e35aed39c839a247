/**
 * The workload of ANN-to-SNN conversion: one converted network, many input
 * samples, each run from reset with per-neuron constant currents on
 * non-leaky IF neurons with reset by subtraction. With θ = 1 mV, cm = 1 nF and
 * dt = 1 ms an input neuron with current x ∈ [0, 1] nA fires x spikes per tick
 * on average, and an output neuron receiving weights W fires at
 * ReLU(Σ W x) per tick: the spike count over T ticks is within a few spikes
 * of T·ReLU(Wᵀx) (each layer's count is off by at most one spike, and the
 * output's error is bounded by the largest weight sum of the residues).
 */
import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { Rng } from '../../../src/core/rng.ts';

const nIn = 6;
const nOut = 4;
const T = 1000;

describe('conversion workload: reset, set currents, run, per sample', () => {
  it('output counts match T·ReLU(Wᵀx) within 3 spikes for 20 samples, independent of sample order', () => {
    const rng = new Rng(12);
    const W = Float32Array.from({ length: nIn * nOut }, () => rng.range(-0.6, 0.6));
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt: 1,
      seed: 1,
      populations: [
        { label: 'in', size: nIn, model: 'IF_nonleaky', params: { vThresh: 1, vReset: 0 } },
        { label: 'out', size: nOut, model: 'IF_nonleaky', params: { vThresh: 1, vReset: 0 } },
      ],
      projections: [
        {
          pre: 'in',
          post: 'out',
          connector: { type: 'fromMatrix', weights: W },
          delay: 1,
          receptor: 'excitatory',
        },
      ],
    };
    const sim = new Simulator(buildNetwork(spec));
    const samples = Array.from({ length: 20 }, () =>
      Float32Array.from({ length: nIn }, () => rng.uniform()),
    );
    const countsOf = (x: Float32Array) => {
      sim.reset();
      sim.setIOffset('in', x);
      const counts = new Array(nOut).fill(0);
      const listener = {
        onSpikes(_t: number, ids: Uint32Array, n: number) {
          for (let k = 0; k < n; k++) if (ids[k]! >= nIn) counts[ids[k]! - nIn]++;
        },
      };
      sim.addListener(listener);
      sim.run(T);
      sim.removeListener(listener);
      return counts;
    };
    const first = samples.map(countsOf);
    samples.forEach((x, s) => {
      for (let j = 0; j < nOut; j++) {
        let a = 0;
        for (let i = 0; i < nIn; i++) a += W[i * nOut + j]! * x[i]!;
        expect(Math.abs(first[s]![j] - T * Math.max(0, a))).toBeLessThanOrEqual(3);
      }
    });
    // reversed order: reset leaves nothing behind from the previous sample
    const reversed = [...samples].reverse().map(countsOf).reverse();
    expect(reversed).toEqual(first);
  });
});
