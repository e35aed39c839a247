/**
 * The TrueNorth neuron inside the spiking engine: events arrive through
 * projections on four channels (axon types), one tick after their source
 * spiked (delay 1), and each mode follows a trace computed by hand from the
 * model's equations (sim/neurons/truenorth/dynamics.ts). A source spiking in
 * tick t − 1 gives input in tick t, so every trace starts with an empty tick 0.
 */
import { describe, expect, it } from 'vitest';
import { SpikeMonitor, StateMonitor } from '../../../../sim/engine/monitors.ts';
import { Simulator } from '../../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../../sim/network/build.ts';
import type { NetworkSpec, ValueSpec } from '../../../../sim/network/spec.ts';
import { Rng } from '../../../../src/core/rng.ts';

/**
 * One TrueNorth neuron fed by array sources: `counts[t][g]` events of axon
 * type g arrive in tick t (sources spike in tick t − 1 with delay 1 tick).
 */
function drivenSpec(
  params: Record<string, ValueSpec>,
  counts: number[][],
  seed = 1,
  size = 1,
): NetworkSpec {
  const perType = [0, 1, 2, 3].map((g) => Math.max(0, ...counts.map((c) => c[g] ?? 0)));
  const spikeTimes: number[][] = [];
  const pre: number[] = [];
  const post: number[] = [];
  const channel: number[] = [];
  perType.forEach((m, g) => {
    for (let k = 0; k < m; k++) {
      const times: number[] = [];
      counts.forEach((c, t) => {
        if ((c[g] ?? 0) > k) times.push(t - 1);
      });
      for (let j = 0; j < size; j++) {
        pre.push(spikeTimes.length);
        post.push(j);
        channel.push(g);
      }
      spikeTimes.push(times);
    }
  });
  return {
    schemaVersion: 1,
    dt: 1,
    seed,
    populations: [
      {
        label: 'axons',
        size: Math.max(1, spikeTimes.length),
        model: 'SpikeSourceArray',
        params: { spikeTimes: spikeTimes.length ? spikeTimes : [[]] },
      },
      { label: 'tn', size, model: 'TrueNorth', params },
    ],
    projections: pre.length
      ? [
          {
            pre: 'axons',
            post: 'tn',
            connector: { type: 'fromList', pre, post },
            weight: 1,
            delay: 1,
            receptor: 'excitatory',
            channel,
          },
        ]
      : [],
  };
}

/** V of neuron 0 after each tick and the ticks it spiked in. */
function run(spec: NetworkSpec, ticks: number, initialV?: number) {
  const s = initialV === undefined ? spec : withInitial(spec, initialV);
  const net = buildNetwork(s);
  const sim = new Simulator(net);
  const v = new StateMonitor(sim, 'tn', 'v', Uint32Array.of(0));
  const spikes = SpikeMonitor.of(net, ['tn']);
  sim.addListener(spikes);
  sim.run(ticks);
  return { v: Array.from(v.values()), spikes: Array.from(spikes.record().ticks), sim };
}

function withInitial(spec: NetworkSpec, v0: number): NetworkSpec {
  const [src, tn] = spec.populations;
  return { ...spec, populations: [src!, { ...tn!, initial: { v: v0 } } as typeof tn & object] };
}

const drive = { weight0: 2, leak: -1, threshold: 5 };

describe('TrueNorth neuron in the engine, deterministic modes (hand-computed traces)', () => {
  it('sums the four axon types with their own weights: 1·5 + 2·(−3) + 0·7 + 3·1 = 2', () => {
    const spec = drivenSpec({ weight0: 5, weight1: -3, weight2: 7, weight3: 1, threshold: 100 }, [
      [],
      [1, 2, 0, 3],
    ]);
    expect(run(spec, 2).v).toEqual([0, 2]);
  });

  it('integrate, leak, fire, reset to R: V = 0, 1, 4, 3, then 8 ≥ 5 → spike → R = 0', () => {
    // tick 0: 0 − 1 = −1 < −β = 0 → floor 0; then 0 + 2 − 1 = 1; 1 + 4 − 1 = 4; 4 − 1 = 3; 3 + 6 − 1 = 8.
    const r = run(
      drivenSpec({ ...drive, resetMode: 0, resetValue: 0 }, [[], [1], [2], [0], [3]]),
      5,
    );
    expect(r.v).toEqual([0, 1, 4, 3, 0]);
    expect(r.spikes).toEqual([4]);
  });

  it('reset to a non-zero R = 2 puts V at 2 after the spike, then the leak takes it to 1', () => {
    const r = run(
      drivenSpec({ ...drive, resetMode: 0, resetValue: 2 }, [[], [1], [2], [0], [3], [0]]),
      6,
    );
    expect(r.v).toEqual([0, 1, 4, 3, 2, 1]);
  });

  it('reset by subtraction keeps the excess: 8 − 5 = 3, then 3 − 1 = 2', () => {
    const r = run(drivenSpec({ ...drive, resetMode: 1 }, [[], [1], [2], [0], [3], [0]]), 6);
    expect(r.v).toEqual([0, 1, 4, 3, 3, 2]);
    expect(r.spikes).toEqual([4]);
  });

  it('no reset: V = 6, 12, 18 and a spike on every tick above threshold', () => {
    const r = run(drivenSpec({ weight0: 3, threshold: 5, resetMode: 2 }, [[], [2], [2], [2]]), 4);
    expect(r.v).toEqual([0, 6, 12, 18]);
    expect(r.spikes).toEqual([1, 2, 3]);
  });

  it('negative floor (κ = 1): −2, then −4 saturates at −β = −3', () => {
    const spec = drivenSpec({ weight1: -2, negThreshold: 3, negativeSaturate: 1 }, [
      [],
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    expect(run(spec, 4).v).toEqual([0, -2, -3, -3]);
  });

  it('negative reset (κ = 0) below −β = −3: to −R = −1 (γ 0), by +β to −1 (γ 1), none (γ 2)', () => {
    const counts = [[], [0, 0, 1], [0, 0, 1], [0, 0, 1]];
    const base = { weight2: -2, negThreshold: 3, negativeSaturate: 0 };
    expect(run(drivenSpec({ ...base, resetMode: 0, resetValue: 1 }, counts), 4).v).toEqual([
      0, -2, -1, -3,
    ]);
    expect(run(drivenSpec({ ...base, resetMode: 1 }, counts), 4).v).toEqual([0, -2, -1, -3]);
    expect(run(drivenSpec({ ...base, resetMode: 2 }, counts), 4).v).toEqual([0, -2, -4, -6]);
  });

  it('leak reversal (ε = 1): λ = −1 pulls V = 3 down to 0 and V = −3 up to 0, then stops', () => {
    const quiet = [[], [], [], []];
    const p = { leak: -1, leakReversal: 1, threshold: 100, negThreshold: 100 };
    expect(run(drivenSpec(p, quiet), 4, 3).v).toEqual([2, 1, 0, 0]);
    expect(run(drivenSpec(p, quiet), 4, -3).v).toEqual([-2, -1, 0, 0]);
    // without reversal the same leak goes on through 0
    expect(run(drivenSpec({ ...p, leakReversal: 0 }, quiet), 4, 3).v).toEqual([2, 1, 0, -1]);
  });

  it('a positive leak is a constant drive: λ = 3, α = 10 fires every 4th tick (3, 6, 9, 12 → 2 …)', () => {
    const r = run(drivenSpec({ leak: 3, threshold: 10, resetMode: 1 }, [[]]), 8);
    expect(r.v).toEqual([3, 6, 9, 2, 5, 8, 1, 4]);
    expect(r.spikes).toEqual([3, 6]);
  });

  it('holds V in the 20-bit register: 2^19 − 1 − 500 + 4·255 stays 524,287', () => {
    const spec = drivenSpec({ weight0: 255, threshold: 524_287, resetMode: 2 }, [[], [4]]);
    expect(run(spec, 2, 524_287 - 500).v[1]).toBe(524_287);
  });

  it('per-neuron parameters: thresholds 1, 2, 3 under one event per tick fire every 1st, 2nd, 3rd tick', () => {
    const spec = drivenSpec(
      { threshold: [1, 2, 3], resetMode: 0 },
      Array.from({ length: 7 }, (_, t) => (t === 0 ? [] : [1])),
      1,
      3,
    );
    const net = buildNetwork(spec);
    const mon = SpikeMonitor.of(net, ['tn']);
    new Simulator(net, { listeners: [mon] }).run(7);
    const { ticks, ids } = mon.record();
    const off = net.populations[1]!.offset;
    const of = (j: number) => Array.from(ticks).filter((_, k) => ids[k] === off + j);
    expect([of(0), of(1), of(2)]).toEqual([
      [1, 2, 3, 4, 5, 6],
      [2, 4, 6],
      [3, 6],
    ]);
  });
});

describe('TrueNorth neuron in the engine, stochastic modes', () => {
  /** The population's own stream, as the engine derives it (population 1 of the network). */
  const streamOf = (seed: number) => new Rng(seed).derive('run/population/1').derive('neurons/tn');

  it('stochastic threshold (TM = 2): V = 11, α = 10 fires exactly on the ticks whose draw & 3 ≤ 1', () => {
    const r = run(
      drivenSpec({ threshold: 10, thresholdMaskBits: 2, resetMode: 2 }, [[]], 8),
      30,
      11,
    );
    const rng = streamOf(8);
    const expected: number[] = [];
    for (let t = 0; t < 30; t++) if ((rng.nextU32() & 3) <= 1) expected.push(t);
    expect(r.spikes).toEqual(expected);
    expect(expected.length).toBeGreaterThan(5);
  });

  it('stochastic synapse (S = 100): each event adds 1 when its 8-bit draw is below 100, draw by draw', () => {
    const counts = [[], [3], [0], [5], [2]];
    const r = run(
      drivenSpec({ weight0: 100, stochasticSynapse0: 1, threshold: 1000 }, counts, 42),
      5,
    );
    const rng = streamOf(42);
    let v = 0;
    const expected = counts.map((c) => {
      for (let k = 0; k < (c[0] ?? 0); k++) if ((rng.nextU32() & 0xff) < 100) v += 1;
      return v;
    });
    expect(r.v).toEqual(expected);
  });

  it('stochastic leak (λ = −64): V falls by 1 with probability 64/256 per tick, draw by draw', () => {
    const r = run(drivenSpec({ leak: -64, stochasticLeak: 1, negThreshold: 1000 }, [[]], 3), 40);
    const rng = streamOf(3);
    let v = 0;
    const expected = Array.from({ length: 40 }, () => {
      if ((rng.nextU32() & 0xff) < 64) v -= 1;
      return v;
    });
    expect(r.v).toEqual(expected);
  });

  it('reset() restarts the stream: a second run repeats the first spike for spike', () => {
    const spec = drivenSpec(
      { weight0: 90, stochasticSynapse0: 1, threshold: 3, thresholdMaskBits: 3 },
      Array.from({ length: 200 }, (_, t) => (t === 0 ? [] : [2])),
      11,
    );
    const net = buildNetwork(spec);
    const mon = SpikeMonitor.of(net, ['tn']);
    const sim = new Simulator(net, { listeners: [mon] });
    sim.run(200);
    const first = mon.record().ticks;
    sim.reset();
    sim.run(200);
    expect(mon.record().ticks).toEqual(first);
    expect(first.length).toBeGreaterThan(10);
  });
});

describe('TrueNorth neuron in the engine, input checks', () => {
  const ok = drivenSpec({}, [[], [1]]);
  const tnPop = ok.populations[1]!;
  const proj = ok.projections[0]!;

  it('rejects a weight outside the 9-bit table, naming the field and the range', () => {
    const bad = drivenSpec({ weight0: 300 }, [[], [1]]);
    expect(() => buildNetwork(bad)).toThrow(
      'populations.1.params.weight0: got 300; allowed: an integer in -256…255 (units)',
    );
    const frac = drivenSpec({ threshold: [1, 2.5] }, [[], [1]], 1, 2);
    expect(() => buildNetwork(frac)).toThrow(/params.threshold\[1\]: got 2.5; allowed: an integer/);
  });

  it('rejects channels outside 0–3, fractional event weights, and channels on one-channel models', () => {
    expect(() => buildNetwork({ ...ok, projections: [{ ...proj, channel: 4 }] })).toThrow(
      'projections.0.channel: got 4; allowed: an integer in 0…3 (an input channel of TrueNorth)',
    );
    expect(() => buildNetwork({ ...ok, projections: [{ ...proj, weight: 1.5 }] })).toThrow(
      /projections.0.weight: got 1.5; allowed: an integer ≥ 0 \(events\)/,
    );
    const lif = {
      ...ok,
      populations: [ok.populations[0]!, { label: 'tn', size: 1, model: 'IF_curr_exp' as const }],
    };
    expect(() => buildNetwork(lif)).toThrow(
      /projections.0.channel: .*nothing: IF_curr_exp has one/,
    );
  });

  it('iOffset adds to the leak, rounded: 2.6 → 3 units per tick reach threshold 10 in tick 3 (3, 6, 9, 12), and again in tick 7 after the reset to 0', () => {
    const spec = drivenSpec({ threshold: 10 }, [[]]);
    const net = buildNetwork(spec);
    const mon = SpikeMonitor.of(net, ['tn']);
    const sim = new Simulator(net, { listeners: [mon] });
    sim.setIOffset('tn', 2.6);
    sim.run(8);
    expect(Array.from(mon.record().ticks)).toEqual([3, 7]);
    // the spec's own iOffset is the same drive from tick 0
    const fromSpec = buildNetwork({
      ...spec,
      populations: [spec.populations[0]!, { ...spec.populations[1]!, iOffset: 3 } as typeof tnPop],
    });
    const mon2 = SpikeMonitor.of(fromSpec, ['tn']);
    new Simulator(fromSpec, { listeners: [mon2] }).run(8);
    expect(Array.from(mon2.record().ticks)).toEqual([3, 7]);
  });

  it('rejects Poisson kicks, which the neuron has no input for', () => {
    const withPop = (extra: object) => ({
      ...ok,
      populations: [ok.populations[0]!, { ...tnPop, ...extra } as typeof tnPop],
    });
    expect(() =>
      buildNetwork(withPop({ poissonInput: [{ rateHz: 10, weight: 1, receptor: 'excitatory' }] })),
    ).toThrow(/populations.1.poissonInput: .*project a SpikeSourcePoisson/);
    expect(() => buildNetwork(withPop({ initial: { v: 0.5 } }))).toThrow(
      /populations.1.initial.v\[0\]: got 0.5; allowed: an integer/,
    );
  });

  it('keeps v as Int32 in the arena and reads it back through stateVar', () => {
    const r = run(drivenSpec({ weight0: 7, threshold: 100 }, [[], [3]]), 2);
    expect(r.sim.populationState('tn').vars[0]).toBeInstanceOf(Int32Array);
    expect(Array.from(r.sim.stateVar('tn', 'v'))).toEqual([21]);
  });
});
