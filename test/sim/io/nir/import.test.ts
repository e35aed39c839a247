/**
 * The five vendored NIR files (Norse, Rockpool, snnTorch and NIR's own
 * debugging graph) import, and their single neurons follow the closed form
 * of NIR's LIF, τ v̇ = (v_leak − v) + r·I: under a constant input from v = 0,
 * v(t) = v_leak + (r I − v_leak)(1 − e^(−t/τ)), first crossing of θ at
 * t* = τ ln((r I − v_leak) / (r I − θ)) for v_leak = 0.
 */
import { describe, expect, it } from 'vitest';
import { loadNir, NIR_FILES, run } from './fixtures.ts';

describe('the vendored NIR files import', () => {
  it.each(NIR_FILES)(
    '%s: every neuron node becomes a population under its NIR name',
    async (name) => {
      const net = await loadNir(name, { dt: 1e-4 });
      const byName = Object.fromEntries(net.populations.map((p) => [p.name, p]));
      const expected: Record<string, Record<string, [string, number, number]>> = {
        // recurrent CubaLIF: the subgraph lif1 flattened as lif1.lif / lif1.w_rec
        braille_noDelay_bias_zero: {
          input: ['Input', 12, 0],
          'lif1.lif': ['CubaLIF', 38, 1],
          lif2: ['CubaLIF', 7, 2],
        },
        lif_norse: { input: ['Input', 1, 0], '1': ['LIF', 1, 1] },
        lif_rockpool: { input: ['Input', 1, 0], '1_LIFNeuronTorch': ['LIF', 1, 1] },
        snntorch_lif: { input: ['Input', 1, 0], '1': ['LIF', 1, 1] },
        two_lif_neurons: { in: ['Input', 1, 0], lif1: ['LIF', 1, 1], lif2: ['LIF', 1, 2] },
      };
      const want = expected[name]!;
      expect(Object.keys(byName).sort()).toEqual(Object.keys(want).sort());
      for (const [pop, [type, size, latency]] of Object.entries(want)) {
        expect(byName[pop]).toMatchObject({ type, size, latencyTicks: latency });
      }
    },
  );

  it('braille: the recurrent edge lif1.w_rec closes a cycle, so it takes one tick (the previous step)', async () => {
    const net = await loadNir('braille_noDelay_bias_zero', { dt: 1e-4 });
    const delays = Object.fromEntries(net.spec.projections.map((p) => [p.label, p.delay]));
    // tick 0.1 ms: forward edges latency(post) − latency(pre) = 1, the recurrent one 0 + 1
    expect(delays).toEqual({
      'input→lif1.lif': 0.1,
      'lif1.lif→lif1.lif': 0.1,
      'lif1.lif→lif2': 0.1,
    });
    // 38 × 38 recurrent weights, none zero in the file
    const rec = net.spec.projections.find((p) => p.label === 'lif1.lif→lif1.lif')!;
    expect((rec.connector as { targets: ArrayLike<number> }).targets.length).toBe(38 * 38);
  });
});

describe('single neurons against the closed form', () => {
  const tau = 0.0025; // s, in lif_norse, snntorch_lif and lif_rockpool
  const theta = 0.1;

  it('lif_norse, exact: v after step s is r I (1 − e^(−(s+1) dt/τ)) for I = 1 (weight 1, r 1)', async () => {
    const dt = 1e-4;
    const net = await loadNir('lif_norse', { dt, inputCurrent: [1] });
    const { v, spikes } = run(net, 12, '1');
    // the population runs one tick behind (latency 1): tick 0 is before the first step
    expect(v[0]).toBe(0);
    for (let s = 0; s < 2; s++)
      expect(v[s + 1]).toBeCloseTo(1 - Math.exp((-(s + 1) * dt) / tau), 6);
    // 1 − e^(−3·0.04) = 0.113 > 0.1 > 1 − e^(−2·0.04) = 0.077: a spike at step 2, reset to 0, period 3
    expect(spikes.get('1')![0]).toEqual([3, 6, 9, 12].filter((t) => t < 12));
  });

  it('exact: the interval between spikes converges to t* = τ ln(10/9) = 263.4 µs as dt → 0, within one tick', async () => {
    const tStar = tau * Math.log(1 / (1 - theta));
    expect(tStar).toBeCloseTo(2.634e-4, 7);
    let previous = Number.POSITIVE_INFINITY;
    for (const dt of [1e-3, 2e-4, 1e-4, 5e-5, 2e-5, 1e-5]) {
      const net = await loadNir('lif_norse', { dt, inputCurrent: [1] });
      const ticks = Math.round(0.01 / dt);
      const s = run(net, ticks).spikes.get('1')![0]!;
      const interval = (s[s.length - 1]! - s[0]!) / (s.length - 1);
      // with exact integration the interval is the first tick past t*: ceil(t*/dt)
      expect(interval).toBe(Math.ceil(tStar / dt - 1e-9));
      const error = interval * dt - tStar;
      expect(error).toBeGreaterThanOrEqual(0);
      expect(error).toBeLessThan(dt);
      expect(error).toBeLessThanOrEqual(previous);
      previous = error;
    }
    // at dt = 10 µs the interval is 27 ticks: 270 µs, 2.5 % above t*
    expect(previous).toBeCloseTo(2.7e-4 - tStar, 9);
  });

  it('euler at dt = τ/25 (snnTorch and Norse: β = 0.96): v_s = 1 − 0.96^(s+1), also a period of 3 steps', async () => {
    const net = await loadNir('snntorch_lif', { dt: 1e-4, integrator: 'euler', inputCurrent: [1] });
    const { v, spikes } = run(net, 4, '1');
    expect(v[1]).toBeCloseTo(0.04, 7);
    expect(v[2]).toBeCloseTo(1 - 0.96 ** 2, 7);
    expect(spikes.get('1')![0]).toEqual([3]);
  });

  it('lif_rockpool: weight 0.04 and r 24.02 give r·w·I = 0.9608 for I = 1, so t* = τ ln(0.9608/0.8608) = 274.8 µs', async () => {
    const rI = 24.019737 * 0.04;
    const tStar = tau * Math.log(rI / (rI - theta));
    expect(tStar).toBeCloseTo(2.748e-4, 7);
    const dt = 1e-5;
    const net = await loadNir('lif_rockpool', { dt, inputCurrent: [1] });
    const s = run(net, 1000).spikes.get('1_LIFNeuronTorch')![0]!;
    expect(s[1]! - s[0]!).toBe(Math.ceil(tStar / dt)); // 28 ticks of 10 µs
  });

  it('two_lif_neurons: lif1 (v_leak 1.2 > θ 1) fires alone every τ ln 6 = 17.9 ms; lif2 gains r(1 − β) per spike and stays silent', async () => {
    const dt = 1e-4;
    const net = await loadNir('two_lif_neurons', { dt });
    const { spikes, v } = run(net, 10_000, 'lif2');
    const s = spikes.get('lif1')![0]!;
    const tStar = 0.01 * Math.log(1.2 / 0.2);
    expect(s[1]! - s[0]!).toBe(Math.ceil(tStar / dt)); // 180 ticks
    expect(s.length).toBe(55); // 1 s / 18 ms
    expect(spikes.get('lif2')![0]).toEqual([]);
    // each spike adds 1 − e^(−0.01) = 0.00995 and decays by e^(−1.8) over the 180 ticks to the
    // next: the peaks approach 0.00995 / (1 − e^(−1.8)) = 0.01192, far below θ = 20
    const kick = 1 - Math.exp(-dt / 0.01);
    expect(Math.max(...v)).toBeCloseTo(kick / (1 - Math.exp((-180 * dt) / 0.01)), 5);
  });
});
