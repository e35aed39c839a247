/**
 * The engine on several threads gives the one-thread engine's spikes bit for
 * bit: every spike (tick and id, in order), every count, for 1, 2 and 3
 * threads, on networks that exercise each path of the exchange — CUBA
 * (direct input: one-tick delays into the synaptic variables), Brunel
 * (Poisson drive drawn per block, uniform delay 15 ticks through ring
 * buffers) and the microcircuit at scale 0.02 (per-synapse delays, multapses,
 * eight populations, DC input); then again after a reset with a new seed.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor } from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { brunel } from '../../../sim/models/brunel.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { microcircuit } from '../../../sim/models/microcircuit.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec, NeuronPopulationSpec } from '../../../sim/network/spec.ts';
import { parallelSimulator } from '../../../src/harness/node/engine-threads.ts';

/** CUBA with step currents on neurons either side of the first share's end (768), on all, and on two of the first share's, and per-neuron τ_m. */
function cubaWithSteps(): NetworkSpec {
  const spec = cuba({ seed: 4, n: 2000 });
  const exc = spec.populations[0] as NeuronPopulationSpec;
  spec.populations[0] = {
    ...exc,
    params: { ...exc.params, tauM: Array.from({ length: exc.size }, (_, i) => 15 + (i % 10)) },
    stepCurrents: [
      { times: [20, 60], amplitudes: [0.8, 0], neurons: [5, 700, 900, 1500] },
      { times: [40], amplitudes: [0.2] },
      // neurons of the first share only: the other shares must not take it as one for all
      { times: [30, 70], amplitudes: [1.5, 0], neurons: [10, 20] },
    ],
  };
  return spec;
}

const cases: [string, NetworkSpec, number][] = [
  ['cuba (direct input)', cuba({ seed: 3, n: 2000 }), 1000],
  ['cuba with step currents and per-neuron τ_m', cubaWithSteps(), 1000],
  ['brunel 0.1 (Poisson drive, ring buffers)', brunel({ scale: 0.1, seed: 3 }), 1000],
  ['microcircuit 0.02 (per-synapse delays)', microcircuit({ scale: 0.02, seed: 3 }), 1000],
];

function spikesOf(mon: SpikeMonitor) {
  const r = mon.record();
  return { ticks: Array.from(r.ticks), ids: Array.from(r.ids) };
}

describe('the engine on threads', () => {
  for (const [name, spec, ticks] of cases) {
    it(`${name}: 1, 2 and 3 threads give the one-thread spikes and counts`, () => {
      const mon = new SpikeMonitor(spec.dt);
      const one = new Simulator(buildNetwork(spec), { listeners: [mon] });
      const ref = one.run(ticks);
      const refSpikes = spikesOf(mon);
      one.removeListener(mon);
      one.reset({ seed: 11 });
      const mon2 = new SpikeMonitor(spec.dt);
      one.addListener(mon2);
      const ref2 = one.run(ticks);
      const refSpikes2 = spikesOf(mon2);
      expect(ref.counts.spikes).toBeGreaterThan(100);
      for (const threads of [1, 2, 3]) {
        const m = new SpikeMonitor(spec.dt);
        const sim = parallelSimulator(buildNetwork(spec), { threads, listeners: [m] });
        try {
          const got = sim.run(ticks);
          expect(got.counts, `${threads} threads`).toEqual(ref.counts);
          expect(spikesOf(m), `${threads} threads`).toEqual(refSpikes);
          sim.reset({ seed: 11 });
          expect(sim.run(ticks).counts, `${threads} threads after reset`).toEqual(ref2.counts);
          expect(spikesOf(m), `${threads} threads after reset`).toEqual(refSpikes2);
        } finally {
          sim.close();
        }
      }
    }, 120_000);
  }

  it('runAsync gives what run gives, and an aborted signal ends it with CANCELLED', async () => {
    const spec = brunel({ scale: 0.1, seed: 5 });
    const ref = new Simulator(buildNetwork(spec)).run(600);
    const sim = parallelSimulator(buildNetwork(spec), { threads: 2 });
    try {
      expect((await sim.runAsync(600)).counts).toEqual(ref.counts);
      const abort = new AbortController();
      abort.abort();
      await expect(sim.runAsync(600, { signal: abort.signal })).rejects.toThrow(/cancelled/);
    } finally {
      sim.close();
    }
  }, 60_000);
});
