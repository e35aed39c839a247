/**
 * A network in TrueNorth form runs in the engine on TrueNorth neurons: when
 * every weight fits the chip exactly, the form spikes exactly as the
 * original; otherwise it runs the quantised weights the mapping chose.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { withPlatform } from '../../../sim/hardware/platform.ts';
import { truenorth } from '../../../sim/hardware/truenorth.ts';
import { runTrueNorthForm, toTrueNorthForm } from '../../../sim/hardware/truenorth-form.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { Network, NeuronPopulation } from '../../../sim/network/network.ts';
import type { NetworkSpec, ValueSpec } from '../../../sim/network/spec.ts';

/** Poisson input → IF_nonleaky hidden layer (with recurrent inhibition and biases) → output. */
function converted(w: { in: ValueSpec; rec: ValueSpec; out: ValueSpec }, seed = 5): NetworkSpec {
  const nonleaky = { vThresh: 1, vReset: 0 };
  return {
    schemaVersion: 1,
    dt: 1,
    seed,
    populations: [
      { label: 'in', size: 40, model: 'SpikeSourcePoisson', params: { rate: 100 } },
      {
        label: 'hidden',
        size: 60,
        model: 'IF_nonleaky',
        params: nonleaky,
        iOffset: Array.from({ length: 60 }, (_, i) => [0, 0.25, 0.5][i % 3]!),
      },
      { label: 'out', size: 10, model: 'IF_nonleaky', params: nonleaky },
    ],
    projections: [
      {
        pre: 'in',
        post: 'hidden',
        connector: { type: 'fixedProbability', p: 0.3 },
        weight: w.in,
        delay: 2,
        receptor: 'excitatory',
      },
      {
        pre: 'hidden',
        post: 'hidden',
        connector: { type: 'fixedProbability', p: 0.1 },
        weight: w.rec,
        delay: 2,
        receptor: 'inhibitory',
      },
      {
        pre: 'hidden',
        post: 'out',
        connector: { type: 'fixedProbability', p: 0.5 },
        weight: w.out,
        delay: 3,
        receptor: 'excitatory',
      },
    ],
  };
}

function spikes(net: Network, ticks: number) {
  const mon = new SpikeMonitor(net.dt);
  new Simulator(net, { listeners: [mon] }).run(ticks);
  return mon.record();
}

describe('TrueNorth form', () => {
  it('weights 0.5, −0.25, 0.75, biases 0.25/0.5 and threshold 1 at scale 4 are integers: the form spikes exactly as the original', () => {
    const net = buildNetwork(converted({ in: 0.5, rec: -0.25, out: 0.75 }));
    const form = toTrueNorthForm(net, { weightScale: 4 });
    expect(form.mapping.truenorth.report.weights.maxAbsError).toBe(0);
    expect([form.thresholdRelativeError, form.leakError, form.delayedSynapses]).toEqual([0, 0, 0]);
    const hidden = form.spec.populations[1]!;
    expect(hidden).toMatchObject({ model: 'TrueNorth', params: { threshold: 4, resetMode: 1 } });
    const a = spikes(net, 300);
    const b = spikes(form.network, 300);
    const hiddenSpikes = a.ids.filter((id) => id >= 40 && id < 100).length;
    expect(hiddenSpikes).toBeGreaterThan(300); // the hidden layer is active
    expect(b.ticks).toEqual(a.ticks);
    expect(b.ids).toEqual(a.ids);
  });

  it('heterogeneous weights: each neuron runs its quantised table row, each synapse on its axon type', () => {
    const net = buildNetwork(
      converted({
        in: { distribution: 'uniform', low: 0.1, high: 0.9 },
        rec: -0.3,
        out: { distribution: 'uniform', low: 0.2, high: 0.6 },
      }),
    );
    const form = toTrueNorthForm(net);
    const w = form.mapping.truenorth.weights;
    expect(w.report.relativeRmsError).toBeGreaterThan(0.05); // one weight per axon type cannot hold a spread
    const maxW = Math.max(...net.projections.flatMap((p) => Array.from(p.weights, Math.abs)));
    expect(form.scale).toBe(255 / maxW); // auto scale: the largest weight becomes 255
    const tn = form.network.populations[1] as NeuronPopulation;
    const table = (g: number, t: number) => w.weightTable[g * 4 + t]!;
    for (let t = 0; t < 4; t++) {
      const per = tn.perNeuron[`weight${t}`];
      for (let i = 0; i < tn.size; i++)
        expect(per ? per[i] : tn.params[`weight${t}`]).toBe(table(tn.offset + i, t));
    }
    const c = form.mapping.connectivity;
    for (let e = 0; e < c.synapses; e++) {
      const p = form.network.projections[c.outProjection[e]!]!;
      expect(p.channels![c.outSynapse[e]!]).toBe(w.synapseType[e]);
    }
    // the quantised network still runs and its output layer fires
    const out = spikes(form.network, 200).ids.filter((id) => id >= 100).length;
    expect(out).toBeGreaterThan(0);
  });

  it('splitters delay one-tick synapses by a tick: every delay-1 synapse of a relayed neuron becomes 2 ms', () => {
    const spec = converted({ in: 0.5, rec: -0.25, out: 0.75 });
    spec.projections = spec.projections.map((p) => ({ ...p, delay: 1 }));
    const net = buildNetwork(spec);
    const tiny = withPlatform(truenorth, { capacity: { neuronsPerCore: 16 } });
    const form = toTrueNorthForm(net, { weightScale: 4, platform: tiny });
    const relays = form.mapping.truenorth.report.relays;
    expect(relays.relayedNeurons).toBeGreaterThan(0);
    expect(form.delayedSynapses).toBe(relays.delayedSynapses);
    const c = form.mapping.connectivity;
    let twos = 0;
    for (let v = 0; v < c.neurons; v++) {
      const relayed = form.mapping.relays!.relayCoreOf[v]! >= 0;
      for (let e = c.outStart[v]!; e < c.outStart[v + 1]!; e++) {
        const d = form.network.projections[c.outProjection[e]!]!.delays[c.outSynapse[e]!];
        expect(d).toBe(relayed ? 2 : 1);
        if (relayed) twos++;
      }
    }
    expect(twos).toBe(relays.delayedSynapses);
  });

  it('repeats of one (source, delay) pair share a crossbar bit: only the first delivers', () => {
    const spec = converted({ in: 0.5, rec: -0.25, out: 0.75 });
    spec.projections = [
      {
        pre: 'in',
        post: 'hidden',
        connector: { type: 'fromList', pre: [0, 0, 1], post: [0, 0, 0] },
        weight: 0.5,
        delay: 2,
        receptor: 'excitatory',
      },
    ];
    const form = toTrueNorthForm(buildNetwork(spec), { weightScale: 4 });
    expect(Array.from(form.network.projections[0]!.weights)).toEqual([1, 0, 1]);
    // the pair carries 0.5 + 0.5 = 1 and the single synapse 0.5: one type, S = round(0.75·4) = 3
    expect(form.mapping.truenorth.weights.weightTable[40 * 4]).toBe(3);
  });

  it('runTrueNorthForm counts the chip’s work on the form’s own spikes', () => {
    const net = buildNetwork(converted({ in: 0.5, rec: -0.25, out: 0.75 }));
    const r = runTrueNorthForm(net, { weightScale: 4, durationMs: 100 });
    expect(r.report.spikes).toBe(r.counts.spikes);
    expect(r.report.synapticEvents).toBe(r.counts.synapticEvents);
    expect(r.report.neuronUpdates).toBe(100 * 70);
    expect(r.report.transform?.relays.relayedNeurons).toBeGreaterThan(0);
  });

  it('refuses models the TrueNorth neuron cannot express, and networks at another tick', () => {
    expect(() => toTrueNorthForm(buildNetwork(cuba({ n: 50, dt: 1 })))).toThrow(
      `populations.0 ('exc').model: got "IF_curr_exp"; allowed: IF_nonleaky or a spike source`,
    );
    const fine = converted({ in: 0.5, rec: -0.25, out: 0.75 });
    expect(() => toTrueNorthForm(buildNetwork({ ...fine, dt: 0.5 }))).toThrow(
      'dt: got 0.5; allowed: 1 ms, the TrueNorth tick',
    );
    const refractory = converted({ in: 0.5, rec: -0.25, out: 0.75 });
    (refractory.populations[2] as { params: Record<string, number> }).params.tauRefrac = 2;
    expect(() => toTrueNorthForm(buildNetwork(refractory))).toThrow(
      /tauRefrac: got 2; allowed: 0: TrueNorth has no refractory period/,
    );
  });
});
