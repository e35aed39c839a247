import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import { mlp } from '../../../src/ann/model.ts';
import { Rng } from '../../../src/core/rng.ts';
import { convertToSpiking } from '../../../src/harness/convert/convert.ts';
import { denseStack } from '../../../src/harness/convert/dense-stack.ts';
import { layerScales, percentileOf } from '../../../src/harness/convert/normalise.ts';
import { inputDrive, inputSize } from '../../../src/harness/convert/spiking-classifier.ts';

/** 2 inputs → 2 ReLU → 2 linear, with weights set by hand. */
function handNet(w1: number[], b1: number[], w2: number[], b2: number[]) {
  const model = mlp({ inputs: 2, hidden: [2], outputs: 2, seed: 0 });
  const stack = denseStack(model);
  stack[0]!.weights.set(w1);
  stack[0]!.bias.set(b1);
  stack[1]!.weights.set(w2);
  stack[1]!.bias.set(b2);
  return { model, stack };
}

describe('data-based normalisation', () => {
  it('percentiles interpolate linearly between order statistics, as numpy.percentile does', () => {
    expect(percentileOf(Float32Array.of(4, 1, 3, 2), 50)).toBe(2.5);
    expect(percentileOf(Float32Array.of(4, 1, 3, 2), 25)).toBe(1.75);
    expect(percentileOf(Float32Array.of(4, 1, 3, 2), 100)).toBe(4);
    expect(percentileOf(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90)).toBeCloseTo(9.1, 6);
  });

  it('the selection gives exactly the sorted-array percentile: 600 random arrays (ties, wide ranges), 7 percentiles each', () => {
    const rng = new Rng(3);
    const bySorting = (v: Float32Array, p: number) => {
      const s = v.slice().sort();
      const rank = (p / 100) * (s.length - 1);
      const lo = Math.floor(rank);
      const hi = Math.min(s.length - 1, lo + 1);
      return s[lo]! + (s[hi]! - s[lo]!) * (rank - lo);
    };
    for (let t = 0; t < 600; t++) {
      const n = 1 + rng.int(t < 400 ? 40 : 3000);
      const kind = t % 3;
      const v = Float32Array.from({ length: n }, () =>
        kind === 0 ? rng.int(5) + 0.5 : kind === 1 ? rng.uniform() : Math.exp(3 * rng.normal()),
      );
      for (const p of [0.1, 1, 25, 50, 99, 99.9, 100])
        expect(percentileOf(v.slice(), p), `n ${n}, p ${p}`).toBe(bySorting(v, p));
    }
  });

  it('takes max and percentile of each layer over its positive activations (|x| for the input)', () => {
    // hidden = ReLU(x·W1): samples [1,0], [0,1], [0.5,0.5] give (1,0), (0,2), (0.5,1)
    const { stack } = handNet([1, 0, 0, 2], [0, 0], [1, 0, 0, 1], [0, 0]);
    const x = Float32Array.of(1, 0, 0, -1, 0.5, 0.5);
    const s = layerScales(stack, x, 3, 50);
    expect(s[0]).toMatchObject({ max: 1, percentile: 0.75, lambda: 0.75, positive: 4 }); // |x| ∈ {1, 1, .5, .5}
    // hidden of [0, -1] is ReLU(0, -2) = 0: positives are 1, 0.5, 1
    expect(s[1]).toMatchObject({ max: 1, percentile: 1, lambda: 1, positive: 3 });
    expect(layerScales(stack, x, 3, 100)[1]!.lambda).toBe(1);
  });

  it('scales weights by λ(l−1)/λ(l) and biases by 1/λ(l); a negative input becomes two channels', () => {
    const { stack } = handNet([1, 0, 0, 2], [0.1, -0.2], [1, -1, 0.5, 1], [0.3, 0]);
    const x = Float32Array.of(1, 0, 0, -1, 0.5, 0.5);
    const c = convertToSpiking(stack, { x, n: 3 }, { percentile: 100 });
    const [l0, l1, l2] = c.scales.map((s) => s.lambda);
    expect(c.classifier.input.signed).toBe(true);
    expect(c.classifier.input.gain).toBe(1 / l0!);
    const spec = c.classifier.spec;
    expect(spec.populations.map((p) => p.size)).toEqual([4, 2, 2]);
    const w = Array.from(
      (spec.projections[0]!.connector as unknown as { weights: Float32Array }).weights,
    );
    const k = l0! / l1!;
    expect(w).toEqual([1 * k, 0, 0, 2 * k, -1 * k, -0, -0, -2 * k].map(Math.fround));
    const hidden = spec.populations[1] as unknown as { iOffset: Float32Array };
    expect(Array.from(hidden.iOffset)).toEqual(
      Array.from(stack[0]!.bias, (b) => Math.fround(b / l1!)),
    );
    expect(c.classifier.rateScale).toEqual([l1, l2]);
  });

  it('refuses a network whose hidden layer is not ReLU, naming the layer', () => {
    const model = mlp({ inputs: 2, hidden: [3], outputs: 2, activation: 'tanh', seed: 0 });
    expect(() => convertToSpiking(denseStack(model), { x: new Float32Array(2), n: 1 })).toThrow(
      /layer 1 has activation tanh/,
    );
  });

  it('rates track ReLU: over 2,000 ticks each hidden neuron fires T·ReLU(W·x + b)/λ within its error bound, negative inputs included', () => {
    const model = mlp({ inputs: 3, hidden: [6], outputs: 2, seed: 4 });
    const stack = denseStack(model);
    stack[0]!.bias.set([0.05, -0.1, 0.2, 0, 0.1, -0.05]);
    const x = Float32Array.of(0.9, -0.4, 0.3, -0.8, 0.5, 0.1, 0.2, 0.2, -0.6);
    const c = convertToSpiking(stack, { x, n: 3 }, { percentile: 100 });
    const net = buildNetwork(c.classifier.spec);
    const counts = new Float64Array(net.size);
    const sim = new Simulator(net, {
      listeners: [
        {
          onSpikes: (_t, ids, n) => {
            for (let k = 0; k < n; k++) counts[ids[k]!]!++;
          },
        },
      ],
    });
    const T = 2000;
    const n = inputSize(c.classifier.input);
    let active = 0;
    for (let s = 0; s < 3; s++) {
      const sample = x.subarray(3 * s, 3 * s + 3);
      const d = inputDrive(c.classifier.input, sample, new Float32Array(n), new Int32Array(n));
      sim.setIOffset('input', (d as { currents: Float32Array }).currents);
      counts.fill(0);
      sim.reset();
      sim.run(T);
      const W = stack[0]!.weights;
      for (let j = 0; j < 6; j++) {
        let a = stack[0]!.bias[j]!;
        for (let i = 0; i < 3; i++) a += sample[i]! * W[i * 6 + j]!;
        const expected = (T * Math.max(0, a)) / c.scales[1]!.lambda;
        // each input count is within one spike of x·T and one more is lost to the
        // tick of delay; the hidden neuron's own residue adds at most one spike
        let bound = 1;
        const w0 = (
          c.classifier.spec.projections[0]!.connector as unknown as { weights: Float32Array }
        ).weights;
        for (let i = 0; i < n; i++) bound += 2 * Math.abs(w0[i * 6 + j]!);
        if (expected > 50) active++;
        expect(Math.abs(counts[n + j]! - expected)).toBeLessThanOrEqual(bound);
      }
    }
    expect(active).toBeGreaterThanOrEqual(6); // enough firing neurons for the bound to mean something
  });
});
