/**
 * Heterogeneous populations: parameters given per neuron (arrays or
 * distributions) give each neuron its own constants, and each neuron then
 * behaves as a homogeneous population with its values would.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec, NeuronPopulationSpec } from '../../../sim/network/spec.ts';

function oneTick(pops: NeuronPopulationSpec[], ticks: number) {
  const spec: NetworkSpec = {
    schemaVersion: 1,
    dt: 0.1,
    seed: 1,
    populations: pops,
    projections: [],
  };
  const mon = new SpikeMonitor(0.1);
  const sim = new Simulator(buildNetwork(spec), { listeners: [mon] });
  sim.run(ticks);
  return { rec: mon.record(), sim };
}

function countsBy(ids: Uint32Array, n: number): number[] {
  const c = new Array(n).fill(0);
  for (const i of ids) c[i]++;
  return c;
}

describe('per-neuron parameters', () => {
  it('each neuron of a heterogeneous population spikes exactly as a homogeneous one with its values', () => {
    const thresholds = [-55, -52, -50, -48];
    const taus = [10, 15, 20, 30];
    const resets = [-70, -68, -66, -64];
    const hetero = oneTick(
      [
        {
          label: 'h',
          size: 4,
          model: 'IF_curr_exp',
          params: { vThresh: thresholds, tau_m: taus, vReset: resets, tauRefrac: 2, iOffset: 1.2 },
        },
      ],
      20_000,
    );
    const homo = oneTick(
      thresholds.map((vThresh, i) => ({
        label: `p${i}`,
        size: 1,
        model: 'IF_curr_exp' as const,
        params: { vThresh, tauM: taus[i]!, vReset: resets[i]!, tauRefrac: 2, iOffset: 1.2 },
      })),
      20_000,
    );
    expect(hetero.rec.ids.length).toBeGreaterThan(100);
    expect(hetero.rec).toEqual(homo.rec); // global ids coincide: population k is neuron k
    const c = countsBy(hetero.rec.ids, 4);
    expect(new Set(c).size).toBe(4); // and they do differ from each other
  });

  it('per-neuron vRest: v starts at each neuron’s own rest and is reported in absolute mV', () => {
    const { sim } = oneTick(
      [
        {
          label: 'r',
          size: 3,
          model: 'IF_curr_exp',
          params: { vRest: [-70, -65, -60], vThresh: -40, vReset: -75 },
        },
      ],
      10,
    );
    expect(Array.from(sim.stateVar('r', 'v'))).toEqual([-70, -65, -60]);
  });

  it('names the neuron whose parameters are invalid', () => {
    expect(() =>
      oneTick([{ label: 'x', size: 3, model: 'IF_curr_exp', params: { tauM: [20, -1, 5] } }], 1),
    ).toThrow('populations.0.params.tauM[1]: got -1; allowed: a finite number > 0 (ms)');
    expect(() =>
      oneTick(
        [{ label: 'x', size: 3, model: 'IF_curr_exp', params: { vReset: [-70, -40, -70] } }],
        1,
      ),
    ).toThrow(/populations.0.params \(neuron 1\): got .*vReset must be below vThresh/);
    expect(() =>
      oneTick([{ label: 'x', size: 3, model: 'IF_curr_exp', params: { vThresh: [-50, -50] } }], 1),
    ).toThrow(
      'populations.0.params.vThresh: got an array of 2; allowed: an array of 3 values (one per item)',
    );
  });

  it('draws per-neuron values from a seeded distribution: same seed, same values', () => {
    const pop: NeuronPopulationSpec = {
      label: 'd',
      size: 100,
      model: 'IF_curr_exp',
      params: { vThresh: { distribution: 'normal', mean: -50, sd: 1, low: -53, high: -47 } },
    };
    const a = buildNetwork({
      schemaVersion: 1,
      dt: 0.1,
      seed: 3,
      populations: [pop],
      projections: [],
    });
    const b = buildNetwork({
      schemaVersion: 1,
      dt: 0.1,
      seed: 3,
      populations: [pop],
      projections: [],
    });
    const pa = a.populations[0]!;
    const pb = b.populations[0]!;
    if (pa.kind !== 'neuron' || pb.kind !== 'neuron')
      throw new Error('neuron populations expected');
    expect(pa.perNeuron.vThresh).toEqual(pb.perNeuron.vThresh);
    expect(Number.isNaN(pa.params.vThresh)).toBe(true);
    expect(pa.constStride).toBeGreaterThan(0);
    const v = pa.perNeuron.vThresh!;
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-53);
    expect(new Set(v).size).toBe(100);
  });
});
