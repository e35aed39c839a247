/**
 * `--integrator euler` reproduces the frameworks' discrete recurrence step
 * for step. The reference below is snnTorch's RSynaptic → Synaptic forward
 * pass (Affine fc1, recurrent CubaLIF lif1 with weights w_rec fed the
 * previous step's spikes, Affine fc2, CubaLIF lif2), written by hand in
 * float32 with reset to zero in the step of the spike (snnTorch
 * reset_mechanism="zero", reset_delay=False; NIR's reset to v_reset):
 *
 *   syn ← α·syn + W x_s + b + W_rec z_(s−1);  mem ← β·mem + syn;
 *   z_s = mem > θ;  mem ← 0 where z_s
 *
 * α, β come from the file's τ as snnTorch's import computes them
 * (β = 1 − dt/τ at dt = 10⁻⁴ s). The engine runs population P latency(P)
 * ticks behind: lif1 by 1 tick, lif2 by 2.
 */
import { describe, expect, it } from 'vitest';
import { readNir } from '../../../../sim/io/nir/index.ts';
import { Rng } from '../../../../src/core/rng.ts';
import { loadNir, nirBytes, run } from './fixtures.ts';

const f = Math.fround;
const dt = 1e-4;
const steps = 300;

async function reference(input: boolean[][]) {
  const g = (await readNir(nirBytes('braille_noDelay_bias_zero'))).graph.nodes;
  const p = (n: string, k: string) => g.get(n)!.params[k]!.data;
  const layer = (n: string) => ({
    alpha: p(n, 'tau_syn').map((t) => f(1 - dt / t)),
    beta: p(n, 'tau_mem').map((t) => f(1 - dt / t)),
    theta: p(n, 'v_threshold'),
  });
  const l1 = layer('lif1.lif');
  const l2 = layer('lif2');
  const W1 = p('fc1', 'weight');
  const b1 = p('fc1', 'bias');
  const Wr = p('lif1.w_rec', 'weight');
  const br = p('lif1.w_rec', 'bias');
  const W2 = p('fc2', 'weight');
  const b2 = p('fc2', 'bias');
  const syn1 = new Float32Array(38);
  const mem1 = new Float32Array(38);
  const syn2 = new Float32Array(7);
  const mem2 = new Float32Array(7);
  let z1 = new Uint8Array(38);
  const out1: number[][] = [];
  const out2: number[][] = [];
  const mem2Trace: number[][] = [];
  for (let s = 0; s < steps; s++) {
    const next1 = new Uint8Array(38);
    for (let i = 0; i < 38; i++) {
      let x = 0;
      for (let j = 0; j < 12; j++) if (input[s]![j]) x = f(x + f(W1[i * 12 + j]!));
      for (let j = 0; j < 38; j++) if (z1[j]) x = f(x + f(Wr[i * 38 + j]!));
      x = f(x + f(b1[i]! + br[i]!));
      syn1[i] = f(f(l1.alpha[i]! * syn1[i]!) + x);
      mem1[i] = f(f(l1.beta[i]! * mem1[i]!) + syn1[i]!);
      if (mem1[i]! > l1.theta[i]!) {
        next1[i] = 1;
        mem1[i] = 0;
        out1.push([s, i]);
      }
    }
    z1 = next1;
    for (let i = 0; i < 7; i++) {
      let x = 0;
      for (let j = 0; j < 38; j++) if (z1[j]) x = f(x + f(W2[i * 38 + j]!));
      x = f(x + f(b2[i]!));
      syn2[i] = f(f(l2.alpha[i]! * syn2[i]!) + x);
      mem2[i] = f(f(l2.beta[i]! * mem2[i]!) + syn2[i]!);
      if (mem2[i]! > l2.theta[i]!) {
        mem2[i] = 0;
        out2.push([s, i]);
      }
    }
    mem2Trace.push(Array.from(mem2));
  }
  return { out1, out2, mem2Trace };
}

describe('euler against snnTorch’s recurrence (braille, recurrent CubaLIF)', () => {
  it('the same 45 lif1 and 698 lif2 spikes and lif2’s membrane bit for bit, shifted by each layer’s latency', async () => {
    const rng = new Rng(3);
    const input = Array.from({ length: steps }, () =>
      Array.from({ length: 12 }, () => rng.uniform() < 0.15),
    );
    const want = await reference(input);
    const spikeSteps = Array.from({ length: 12 }, (_, j) =>
      input.flatMap((row, s) => (row[j] ? [s] : [])),
    );
    const net = await loadNir('braille_noDelay_bias_zero', {
      dt,
      integrator: 'euler',
      inputSpikes: spikeSteps,
    });
    const got = run(net, steps + 2, 'lif2');
    const asPairs = (pop: string, lag: number) =>
      got.spikes
        .get(pop)!
        .flatMap((ticks, i) => ticks.map((t) => [t - lag, i]))
        .filter(([s]) => s! < steps)
        .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(want.out1.length).toBeGreaterThan(30); // both layers fire, so the comparison means something
    expect(want.out2.length).toBeGreaterThan(30);
    expect(asPairs('lif1.lif', 1)).toEqual(want.out1);
    expect(asPairs('lif2', 2)).toEqual(want.out2);
    for (let s = 0; s < steps; s++) {
      for (let i = 0; i < 7; i++) {
        expect(got.v[(s + 2) * 7 + i]).toBe(want.mem2Trace[s]![i]!);
      }
    }
  });
});
