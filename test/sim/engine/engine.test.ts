import { describe, expect, it } from 'vitest';
import { deliver } from '../../../sim/engine/deliver.ts';
import { IsiStats } from '../../../sim/engine/isi-stats.ts';
import type { SpikeListener } from '../../../sim/engine/listener.ts';
import {
  RateMonitor,
  SpikeMonitor,
  StateMonitor,
  spikeTimes,
} from '../../../sim/engine/monitors.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { SpikeStream } from '../../../sim/engine/spike-stream.ts';
import { cuba } from '../../../sim/models/cuba.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { NetworkSpec } from '../../../sim/network/spec.ts';
import { ifCurrExp } from '../../../sim/neurons/index.ts';
import { WasmHeap } from '../../../src/core/wasm.ts';

/** 200 Poisson sources at 50 Hz → 100 LIF neurons (p = 0.1), → 50 LIF (fixed in-degree 5), mixed delays. */
function smallNet(seed = 3, dt = 0.1): NetworkSpec {
  return {
    schemaVersion: 1,
    dt,
    seed,
    populations: [
      { label: 'in', size: 200, model: 'SpikeSourcePoisson', params: { rate: 50 } },
      {
        label: 'a',
        size: 100,
        model: 'IF_curr_exp',
        params: { tauRefrac: 2 },
        initial: { v: { distribution: 'uniform', low: -65, high: -55 } },
      },
      { label: 'b', size: 50, model: 'IF_curr_delta', params: { tauRefrac: 2 } },
    ],
    projections: [
      {
        pre: 'in',
        post: 'a',
        connector: { type: 'fixedProbability', p: 0.1 },
        weight: 2,
        delay: { distribution: 'uniform', low: 0.1, high: 3 },
        receptor: 'excitatory',
      },
      {
        pre: 'a',
        post: 'b',
        connector: { type: 'fixedNumberPre', n: 5 },
        weight: 6,
        delay: 1,
        receptor: 'excitatory',
      },
      {
        pre: 'a',
        post: 'a',
        connector: { type: 'fixedProbability', p: 0.05 },
        weight: -1,
        delay: 0.5,
        receptor: 'inhibitory',
      },
    ],
  };
}

/** Records every tick's spike ids (copied). */
class Recorder implements SpikeListener {
  ticks: number[][] = [];
  onSpikes(_t: number, ids: Uint32Array, count: number): void {
    this.ticks.push(Array.from(ids.subarray(0, count)));
  }
  onReset(): void {
    this.ticks = [];
  }
}

describe('engine', () => {
  it('conserves events: synaptic events = Σ over spikes of the spiking neuron’s fan-out, exactly', () => {
    const net = buildNetwork(smallNet());
    const rec = new Recorder();
    const sim = new Simulator(net, { listeners: [rec] });
    const r = sim.run(5000);
    const expected = net.projections.map(() => 0);
    for (const ids of rec.ticks) {
      for (const g of ids) {
        net.projections.forEach((p, q) => {
          const pre = net.populations[p.pre]!;
          if (g >= pre.offset && g < pre.offset + pre.size) {
            const i = g - pre.offset;
            expected[q]! += p.rowStart[i + 1]! - p.rowStart[i]!;
          }
        });
      }
    }
    expect(r.counts.spikes).toBeGreaterThan(1000);
    expect(r.counts.projections.map((p) => p.synapticEvents)).toEqual(expected);
    expect(r.counts.synapticEvents).toBe(expected.reduce((a, b) => a + b, 0));
    // neuron updates: every neuron (sources excluded) once per tick
    expect(r.counts.neuronUpdates).toBe(150 * 5000);
    // per-population event counts are those of the projections into it
    expect(r.counts.populations[1]!.synapticEvents).toBe(expected[0]! + expected[2]!);
  });

  it('delivers a spike sent with delay d ticks exactly d ticks later, for d = 1 … 40', () => {
    // one source spiking at tick 10 → 40 delta neurons, neuron d−1 at delay d ticks; weight above threshold
    const dt = 0.1;
    const pre = Array.from({ length: 40 }, () => 0);
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt,
      seed: 1,
      populations: [
        { label: 'src', size: 1, model: 'SpikeSourceArray', params: { spikeTimes: [[1.0]] } },
        {
          label: 'post',
          size: 40,
          model: 'IF_curr_delta',
          params: { vRest: 0, vReset: 0, vThresh: 1 },
        },
      ],
      projections: [
        {
          pre: 'src',
          post: 'post',
          connector: {
            type: 'fromList',
            pre,
            post: pre.map((_, k) => k),
            delays: pre.map((_, k) => (k + 1) * dt),
          },
          weight: 5,
          receptor: 'excitatory',
        },
      ],
    };
    const mon = new SpikeMonitor(dt);
    const sim = new Simulator(buildNetwork(spec), { listeners: [mon] });
    sim.run(100);
    const rec = mon.record();
    const { ticks, ids } = rec;
    expect(ticks[0]).toBe(10); // the source
    expect(spikeTimes(rec)[0]).toBeCloseTo(1.0, 12);
    const arrival = new Map<number, number>();
    for (let k = 1; k < ids.length; k++) arrival.set(ids[k]! - 1, ticks[k]!);
    for (let d = 1; d <= 40; d++) expect(arrival.get(d - 1)).toBe(10 + d);
  });

  it('delivers at the longest delays too: 255, 256 (16-bit storage), 4097 and 65,535 ticks (the maximum)', () => {
    const delays = [1, 255, 256, 4097, 65_535];
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt: 1,
      seed: 1,
      populations: [
        { label: 'src', size: 1, model: 'SpikeSourceArray', params: { spikeTimes: [[10]] } },
        {
          label: 'post',
          size: delays.length,
          model: 'IF_curr_delta',
          params: { vRest: 0, vReset: 0, vThresh: 1 },
        },
      ],
      projections: [
        {
          pre: 'src',
          post: 'post',
          connector: {
            type: 'fromList',
            pre: delays.map(() => 0),
            post: delays.map((_, k) => k),
            delays,
          },
          weight: 5,
          receptor: 'excitatory',
        },
      ],
    };
    const net = buildNetwork(spec);
    expect(net.projections[0]!.delays).toBeInstanceOf(Uint16Array);
    const mon = new SpikeMonitor(1);
    new Simulator(net, { listeners: [mon] }).run(65_600);
    const { ticks, ids } = mon.record();
    expect(Array.from(ids)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(ticks)).toEqual([10, ...delays.map((d) => 10 + d)]);
  });

  it('gives bit-identical spikes for the same seed and different spikes for another seed', () => {
    const run = (seed: number) => {
      const mon = new SpikeMonitor(0.1);
      new Simulator(buildNetwork(smallNet(seed)), { listeners: [mon] }).run(3000);
      return mon.record();
    };
    const a = run(3);
    const b = run(3);
    const c = run(4);
    expect(b.ticks).toEqual(a.ticks);
    expect(b.ids).toEqual(a.ids);
    expect(c.ids).not.toEqual(a.ids);
  });

  it('reset() restores time 0, state, buffers and counters: a rerun repeats the first run exactly', () => {
    const net = buildNetwork(smallNet());
    const mon = new SpikeMonitor(0.1);
    const sim = new Simulator(net, { listeners: [mon] });
    sim.run(1234); // stop mid-flight, with spikes in the ring buffers
    sim.reset();
    sim.run(2000);
    const first = mon.record();
    const counts = sim.counts();
    sim.reset();
    expect(sim.tick).toBe(0);
    expect(sim.counts().spikes).toBe(0);
    sim.run(700);
    sim.run(1300); // incremental runs add up to one run
    expect(mon.record()).toEqual(first);
    expect(sim.counts()).toEqual(counts);
    // another seed for the run streams changes the Poisson input, not the connectivity
    sim.reset({ seed: 99 });
    sim.run(2000);
    expect(mon.record().ids).not.toEqual(first.ids);
  });

  it('stops between batches when asked, and reports progress', () => {
    const sim = new Simulator(buildNetwork(smallNet()));
    const seen: number[] = [];
    const r = sim.run(1000, {
      batchTicks: 100,
      onProgress: (d) => seen.push(d),
      shouldStop: () => seen.length >= 3,
    });
    expect(r.stopped).toBe(true);
    expect(r.ticks).toBe(300);
    expect(seen).toEqual([100, 200, 300]);
  });

  it('runAsync ends with CANCELLED when its signal is aborted', async () => {
    const sim = new Simulator(buildNetwork(smallNet()));
    const ac = new AbortController();
    const p = sim.runAsync(100_000, {
      batchTicks: 100,
      sliceMs: 0, // yield after every batch
      onProgress: (d) => d >= 500 && ac.abort(),
      signal: ac.signal,
    });
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(sim.tick).toBe(500);
    // without cancellation it runs to the end and counts as run() does
    sim.reset();
    const r = await sim.runAsync(3000, { batchTicks: 100 });
    expect(r.ticks).toBe(3000);
    sim.reset();
    expect(sim.run(3000).counts).toEqual(r.counts);
  });

  it('setIOffset drives a silent population at the analytic LIF rate and persists through reset', () => {
    // R = 20 MΩ, I = 1 nA: period 2 ms + 20 ln(20/5) ms = 29.73 ms → 33 spikes in 1 s from rest at dt 0.1
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt: 0.1,
      seed: 1,
      populations: [{ label: 'x', size: 3, model: 'IF_curr_exp', params: { tauRefrac: 2 } }],
      projections: [],
    };
    const sim = new Simulator(buildNetwork(spec));
    sim.setIOffset('x', [0, 1, 0.5]);
    sim.reset();
    const r = sim.run(10_000);
    expect(r.counts.populations[0]!.spikes).toBe(33);
    expect(() => sim.setIOffset('x', [1, Number.NaN, 0])).toThrow(/iOffset\[1\]: got NaN/);
  });

  it('refuses source rates above one spike per tick (10 kHz at dt 0.1 ms), in the spec and in setRates', () => {
    const spec = smallNet();
    spec.populations[0] = {
      label: 'in',
      size: 200,
      model: 'SpikeSourcePoisson',
      params: { rate: 20_000 },
    };
    expect(() => buildNetwork(spec)).toThrow(
      /populations.0.params.rate\[0\]: got 20000; allowed: a rate in \[0, 10000\] Hz/,
    );
    const sim = new Simulator(buildNetwork(smallNet()));
    expect(() => sim.setRates('in', 10_001)).toThrow(/rates\[0\]: got 10001/);
    sim.setRates('in', 0);
    expect(sim.run(100).counts.populations[0]!.spikes).toBe(0);
  });

  it('step currents switch the injected current at their times (PyNN StepCurrentSource)', () => {
    const spec: NetworkSpec = {
      schemaVersion: 1,
      dt: 0.1,
      seed: 1,
      populations: [
        {
          label: 'x',
          size: 2,
          model: 'IF_curr_exp',
          params: { tauRefrac: 2 },
          stepCurrents: [{ times: [200, 500], amplitudes: [1, 0], neurons: [1] }],
        },
      ],
      projections: [],
    };
    const mon = new SpikeMonitor(0.1);
    const sim = new Simulator(buildNetwork(spec), { listeners: [mon] });
    sim.run(10_000);
    const { ticks, ids } = mon.record();
    expect(Array.from(ids).every((i) => i === 1)).toBe(true);
    // on for 300 ms at a 29.73 ms period: 10 spikes, the first one 27.7 ms after the onset
    expect(ids.length).toBe(10);
    expect(ticks[0]! * 0.1).toBeGreaterThan(227);
    expect(ticks[ticks.length - 1]! * 0.1).toBeLessThan(500.1);
  });

  it('monitors: rates in bins, state samples, streamed chunks all agree with the spike record', () => {
    const net = buildNetwork(smallNet());
    const mon = new SpikeMonitor(0.1);
    const part = SpikeMonitor.of(net, ['b']);
    const rates = new RateMonitor(net, 100);
    const chunks: number[] = [];
    const stream = new SpikeStream({ write: (_t, _i, n) => chunks.push(n) }, 1000);
    const sim = new Simulator(net, { listeners: [mon, part, rates, stream] });
    const vmon = new StateMonitor(sim, 'a', 'v', Uint32Array.of(0, 5), 10);
    sim.run(1991); // the last tick, 1990, is sampled
    stream.flush();
    const all = mon.record();
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(all.ids.length);
    expect(chunks.slice(0, -1).every((n) => n === 1000)).toBe(true);
    expect(part.record().ids.every((i) => i >= 300)).toBe(true);
    expect(part.count).toBe(Array.from(all.ids).filter((i) => i >= 300).length);
    // source rate 50 Hz: the 19 full bins of 10 ms average 50 Hz within 5 standard errors
    const r = rates.rates(0).subarray(0, 19); // the 20th bin holds one tick
    const mean = r.reduce((a, b) => a + b, 0) / r.length;
    expect(Math.abs(mean - 50)).toBeLessThan(5 * Math.sqrt(50 / (200 * 0.19)));
    const vs = vmon.values();
    expect(vs.length).toBe(2 * 200);
    const now = sim.stateVar('a', 'v');
    expect(Array.from(vs.subarray(398))).toEqual([now[0], now[5]]);
    expect(vs.every((x) => Number.isFinite(x) && x < -50)).toBe(true); // below threshold after reset
  });

  it('takes replacement kernels and delivery (the slot of an optimised implementation): same spikes', () => {
    const calls = { kernel: 0, deliver: 0 };
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = new WasmHeap(memory, 1024);
    const mon = new SpikeMonitor(0.1);
    const sim = new Simulator(buildNetwork(smallNet()), {
      listeners: [mon],
      kernels: {
        IF_curr_exp: (...a) => {
          calls.kernel++;
          return ifCurrExp.update(...a);
        },
      },
      deliver: (...a) => {
        calls.deliver++;
        return deliver(...a);
      },
      // a region of a WebAssembly memory, after 1 kB the kernel keeps for itself
      allocate: (bytes) => {
        const offset = heap.alloc(bytes);
        return { buffer: memory.buffer, byteOffset: offset };
      },
    });
    sim.run(1000);
    const ref = new SpikeMonitor(0.1);
    new Simulator(buildNetwork(smallNet()), { listeners: [ref] }).run(1000);
    expect(calls.kernel).toBe(1000); // one IF_curr_exp population
    expect(calls.deliver).toBeGreaterThan(100);
    expect(mon.record()).toEqual(ref.record());
    // every state array is a view of the one arena buffer, at its planned offset
    const st = sim.populationState('a');
    expect(st.vars[0]!.buffer).toBe(memory.buffer);
    const entry = sim.arena.plan.entries.find((e) => e.name === 'a.v')!;
    expect(st.vars[0]!.byteOffset).toBe(1024 + entry.byteOffset);
    expect(entry.byteOffset % 16).toBe(0);
  });

  it('refuses a state allocation beyond the memory budget before allocating', () => {
    const net = buildNetwork(cuba({ n: 4000 }));
    expect(() => new Simulator(net, { memoryBudgetBytes: 100_000 })).toThrow(
      /simulation state .* needs .* the memory budget is 100 kB/,
    );
  });

  it('IsiStats: a regular train has CV 0, and the rate counts spikes over the duration', () => {
    const net = buildNetwork({
      schemaVersion: 1,
      dt: 1,
      seed: 1,
      populations: [
        {
          label: 's',
          size: 2,
          model: 'SpikeSourceArray',
          params: {
            spikeTimes: [
              [10, 20, 30, 40],
              [5, 7, 20],
            ],
          },
        },
      ],
      projections: [],
    });
    const st = new IsiStats(net);
    new Simulator(net, { listeners: [st] }).run(1000);
    const s = st.range(0, 1);
    expect(s.cvIsi).toBe(0);
    expect(s.meanRateHz).toBe(4);
    // neuron 1: ISIs 2 and 13 → std 5.5 / mean 7.5
    expect(st.range(1, 2).cvIsi).toBeCloseTo(5.5 / 7.5, 12);
  });
});
