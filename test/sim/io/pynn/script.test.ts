import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../../sim/engine/monitors.ts';
import { Simulator } from '../../../../sim/engine/simulator.ts';
import { parseNetworkJson } from '../../../../sim/io/network-json.ts';
import { NONLEAKY_TAU_M, pynnCell } from '../../../../sim/io/pynn/cells.ts';
import { pynnProjections } from '../../../../sim/io/pynn/projections.ts';
import { realisePoissonSources } from '../../../../sim/io/pynn/realise.ts';
import { pynnScript } from '../../../../sim/io/pynn/script.ts';
import { cuba } from '../../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../../sim/network/build.ts';
import type { NeuronPopulation } from '../../../../sim/network/network.ts';
import type { NetworkSpec } from '../../../../sim/network/spec.ts';

const feedforward = () =>
  parseNetworkJson(readFileSync('examples/networks/feedforward.json', 'utf8'));

/** The float32 values of every `f4("…")` in order. */
function f4Values(text: string): Float32Array[] {
  return [...text.matchAll(/f4\("([A-Za-z0-9+/=]*)"\)/g)].map((m) => {
    const b = Buffer.from(m[1]!, 'base64');
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  });
}

const mixed: NetworkSpec = {
  schemaVersion: 1,
  dt: 1,
  seed: 0,
  populations: [
    { label: 'in', size: 2, model: 'SpikeSourceArray', params: { spikeTimes: [[1, 5], [3]] } },
    { label: 'out', size: 2, model: 'IF_nonleaky', params: { vThresh: 1, vReset: 0 } },
  ],
  projections: [
    {
      pre: 'in',
      post: 'out',
      connector: { type: 'fromMatrix', weights: [0.5, -0.25, -1.5, 0.125] },
      delay: 1,
      receptor: 'excitatory',
    },
  ],
};

describe('PyNN script generator', () => {
  it('uses PyNN connectors for CUBA: four FixedProbabilityConnector(0.02) with its weights 0.081 and −0.45 nA', () => {
    const { text, notes } = pynnScript(buildNetwork(cuba({ n: 4000 })), { durationMs: 1000 });
    expect(text.match(/sim\.FixedProbabilityConnector\(0\.02,/g)).toHaveLength(4);
    expect(text).toContain('weight=0.08100000023841858'); // 1.62 mV · 1 nF / 20 ms as float32
    expect(text).toContain('weight=-0.44999998807907104');
    expect(text).toContain('receptor_type="inhibitory"');
    expect(text).not.toContain('FromListConnector(connections(');
    expect(notes.filter((n) => n.includes('same statistics'))).toHaveLength(4);
  });

  it('lists the realised synapses with exact float32 weights when asked', () => {
    const spec = feedforward();
    const net = buildNetwork(spec);
    const { text } = pynnScript(net, { durationMs: 1000, connections: 'realised' });
    expect(text.match(/sim\.FromListConnector\(/g)).toHaveLength(3);
    const lists = f4Values(text);
    // the three weight lists are the engine's CSR weights, in CSR order, bit for bit
    const all = lists.slice(-3);
    net.projections.forEach((p, k) => {
      expect(Array.from(all[k]!)).toEqual(Array.from(p.weights));
    });
  });

  it('splits a mixed-sign matrix into an excitatory and an inhibitory projection', () => {
    const net = buildNetwork(mixed);
    const cell = pynnCell(net.populations[1] as NeuronPopulation, 'populations.1');
    const parts = pynnProjections(net, 0, cell, 'pynn');
    expect(parts.map((p) => p.receptor)).toEqual(['excitatory', 'inhibitory']);
    const w = parts.map((p) =>
      p.connector.kind === 'FromListConnector' ? Array.from(p.connector.weights) : [],
    );
    expect(w).toEqual([
      [0.5, 0.125],
      [-0.25, -1.5],
    ]);
  });

  it('writes IF_nonleaky as IF_curr_delta with a long tau_m, and says so', () => {
    const { text, notes } = pynnScript(buildNetwork(mixed), { durationMs: 10 });
    expect(text).toContain(`sim.IF_curr_delta(cm=1.0, tau_m=${NONLEAKY_TAU_M}.0`);
    expect(notes[0]).toMatch(
      /IF_nonleaky written as IF_curr_delta .* reset to v_reset instead of by subtraction/,
    );
    expect(text).toContain(notes[0]);
  });

  it('refuses a receptor switch where the two synaptic time constants differ', () => {
    const spec: NetworkSpec = {
      ...mixed,
      populations: [
        mixed.populations[0]!,
        { label: 'out', size: 2, model: 'IF_curr_exp', params: { tauSynE: 5, tauSynI: 10 } },
      ],
    };
    expect(() => pynnScript(buildNetwork(spec), { durationMs: 10 })).toThrow(
      /projections\.0: .*tau_syn_E ≠ tau_syn_I/,
    );
  });

  it('refuses the discrete and TrueNorth neurons by name', () => {
    for (const model of ['LIF', 'CubaLIF', 'LI', 'CubaLI', 'TrueNorth'] as const) {
      const spec: NetworkSpec = {
        schemaVersion: 1,
        dt: 1,
        seed: 0,
        populations: [{ label: 'a', size: 1, model }],
        projections: [],
      };
      expect(() => pynnScript(buildNetwork(spec), { durationMs: 10 })).toThrow(
        new RegExp(`populations\\.0\\.model: got "${model}", which PyNN has no standard cell type`),
      );
    }
  });

  it('realises Poisson sources as the spike arrays the engine draws, leaving the rest unchanged', () => {
    const spec = feedforward();
    const real = realisePoissonSources(spec, 200);
    expect(real.populations[0]!.model).toBe('SpikeSourceArray');
    const run = (s: NetworkSpec) => {
      const net = buildNetwork(s);
      const m = SpikeMonitor.of(net);
      new Simulator(net, { listeners: [m] }).run(2000);
      return m.record();
    };
    // same input spikes, so the same spikes everywhere in the first 200 ms
    const a = run(spec);
    const b = run(real);
    expect(Array.from(b.ids)).toEqual(Array.from(a.ids));
    expect(Array.from(b.ticks)).toEqual(Array.from(a.ticks));
  });
});
