/**
 * Export, then import, gives the same network: the same populations with
 * the same float32 constants, the same synapses, weights and delays, and so
 * the same spikes for the same input.
 */
import { describe, expect, it } from 'vitest';
import { exportNir, importNir, readNir } from '../../../../sim/io/nir/index.ts';
import { buildNetwork } from '../../../../sim/network/build.ts';
import type { Network } from '../../../../sim/network/network.ts';
import type { NetworkSpec } from '../../../../sim/network/spec.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { spikeWords } from './fixtures.ts';

const rng = new Rng(11);
const matrix = (n: number, m: number, sd: number) =>
  Array.from({ length: n * m }, () => (rng.uniform() < 0.7 ? rng.normal() * sd : 0));
const inputTicks = Array.from({ length: 6 }, () =>
  Array.from({ length: 80 }, (_, t) => t).filter(() => rng.uniform() < 0.25),
);

const dense = (pre: string, post: string, weights: number[], delay: number) => ({
  pre,
  post,
  connector: { type: 'fromMatrix' as const, weights },
  delay,
  receptor: 'excitatory' as const,
});

function discrete(dt: number): NetworkSpec {
  return {
    schemaVersion: 1,
    dt,
    seed: 1,
    populations: [
      {
        label: 'in',
        size: 6,
        model: 'SpikeSourceArray',
        params: { spikeTimes: inputTicks.map((ts) => ts.map((t) => t * dt)) },
      },
      {
        label: 'hid',
        size: 5,
        model: 'LIF',
        params: {
          beta: [0.9, 0.8, 0.95, 0.7, 0.85],
          gain: 0.5,
          vThreshold: 1,
          vLeak: 0.1,
          resetBySubtraction: 0,
        },
      },
      {
        label: 'rec',
        size: 4,
        model: 'CubaLIF',
        params: { beta: 0.9, alpha: 0.6, resetBySubtraction: 1, vThreshold: 0.8 },
        iOffset: [0.02, 0, 0.05, 0.01],
      },
      { label: 'out', size: 3, model: 'CubaLI', params: { beta: 0.95, alpha: 0.5, gain: 2 } },
    ],
    projections: [
      dense('in', 'hid', matrix(6, 5, 0.8), dt),
      dense('hid', 'rec', matrix(5, 4, 0.9), dt),
      dense('rec', 'rec', matrix(4, 4, 0.3), dt),
      // a skip connection: the three ticks its layer position implies (out runs 3 behind) plus a Delay of one
      dense('in', 'out', matrix(6, 3, 0.2), 4 * dt),
      dense('rec', 'out', matrix(4, 3, 0.5), dt),
    ],
  };
}

function converted(): NetworkSpec {
  const IF = { vThresh: 1, vReset: 0, cm: 1, tauRefrac: 0 };
  return {
    schemaVersion: 1,
    dt: 1,
    seed: 0,
    populations: [
      { label: 'input', size: 4, model: 'IF_nonleaky', params: IF },
      {
        label: 'hidden1',
        size: 6,
        model: 'IF_nonleaky',
        params: IF,
        iOffset: [0.01, -0.02, 0, 0.03, 0.004, 0],
      },
      { label: 'output', size: 3, model: 'IF_nonleaky', params: IF, iOffset: [0.002, 0, -0.001] },
    ],
    projections: [
      dense('input', 'hidden1', matrix(4, 6, 0.6), 1),
      dense('hidden1', 'output', matrix(6, 3, 0.6), 1),
    ],
  };
}

const f32 = (a: ArrayLike<number>) => Array.from(a, Math.fround);

/** Everything the engine computes with, source spike trains aside (they are input, not network). */
function anatomy(net: Network) {
  return {
    populations: [...net.populations]
      .sort((a, b) => a.label.localeCompare(b.label))
      .map((p) =>
        p.kind === 'neuron'
          ? {
              label: p.label,
              size: p.size,
              model: p.model,
              consts: f32(p.consts),
              stride: p.constStride,
              iOffset: Array.from(p.iOffset),
            }
          : { label: p.label, size: p.size, model: p.model },
      ),
    projections: net.projections
      .map((p) => ({
        pre: net.populations[p.pre]!.label,
        post: net.populations[p.post]!.label,
        rowStart: Array.from(p.rowStart),
        targets: Array.from(p.targets),
        weights: Array.from(p.weights),
        delays: Array.from(p.delays),
      }))
      .sort((a, b) => `${a.pre}${a.post}`.localeCompare(`${b.pre}${b.post}`)),
  };
}

describe('NIR round trip', () => {
  it.each(['exact', 'euler'] as const)(
    'discrete LIF, recurrent CubaLIF, CubaLI readout, a delayed skip (%s)',
    async (integrator) => {
      const spec = discrete(0.1);
      const bytes = await exportNir(spec, { integrator });
      const back = await importNir(bytes, { inputSpikes: inputTicks });
      expect(back.dt).toBe(1e-4); // from the metadata
      expect(back.integrator).toBe(integrator);
      const a = buildNetwork(spec);
      const b = buildNetwork(back.spec);
      expect(anatomy(b)).toEqual(anatomy(a));
      const s = spikeWords(a, 100);
      expect(s.split(' ').length).toBeGreaterThan(40);
      expect(spikeWords(b, 100)).toBe(s);
    },
  );

  it('the file has one Delay node of 0.1 ms on the skip connection and records subtraction in metadata', async () => {
    const file = await readNir(await exportNir(discrete(0.1)));
    const delays = [...file.graph.nodes.values()].filter((n) => n.type === 'Delay');
    expect(delays.map((n) => Array.from(n.params.delay!.data))).toEqual([[1e-4, 1e-4, 1e-4]]);
    expect(file.graph.nodes.get('rec')!.metadata).toEqual({ reset_mechanism: 'subtract' });
    expect(file.graph.nodes.get('hid')!.metadata).toBeUndefined();
  });

  it('a converted IF network (reset by subtraction, v ≥ θ, biases) comes back as the same IF_nonleaky network', async () => {
    const spec = converted();
    const bytes = await exportNir(spec, { currentInputs: [{ population: 'input', gain: 1 }] });
    const file = await readNir(bytes);
    // NIR's strict threshold one float32 step below 1 is the conversion's v ≥ 1
    expect(file.graph.nodes.get('hidden1')!.params.v_threshold!.data[0]).toBe(1 - 2 ** -24);
    const back = await importNir(bytes, { inputCurrent: [0.3, 0.05, 0.7, 0.2] });
    const a = buildNetwork(spec);
    const b = buildNetwork(back.spec);
    const strip = (x: ReturnType<typeof anatomy>) => ({
      ...x,
      populations: x.populations.map((p) => ({
        ...p,
        iOffset: p.label === 'input' ? [] : (p as { iOffset?: number[] }).iOffset,
      })),
    });
    expect(strip(anatomy(b))).toEqual(strip(anatomy(a)));
    // the input current enters through the Scale node as the input population's constant current
    expect(
      Array.from(
        (b.populations.find((p) => p.label === 'input') as { iOffset: Float32Array }).iOffset,
      ),
    ).toEqual(f32([0.3, 0.05, 0.7, 0.2]));
  });
});
