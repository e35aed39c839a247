/**
 * Backpropagation through time against central finite differences in
 * float64. The networks run in smooth mode (the spike replaced by the
 * surrogate's antiderivative, the reset kept hard), where the surrogate
 * gradient is the true gradient, so the check is exact up to the finite
 * difference's O(eps²) error.
 */
import { describe, expect, it } from 'vitest';
import { gradCheck } from '../../src/ann/gradcheck.ts';
import type { Var } from '../../src/ann/graph.ts';
import { dense } from '../../src/ann/ops/dense.ts';
import { tensor } from '../../src/ann/tensor.ts';
import { Rng } from '../../src/core/rng.ts';
import { type SnnLoss, snnLoss, withCountPenalty } from '../../src/snn/losses.ts';
import { type NeuronDynamics, neurons } from '../../src/snn/neuron-op.ts';
import type { SurrogateName } from '../../src/snn/surrogate.ts';
import { synapses } from '../../src/snn/synapse-op.ts';

const T = 6;
const B = 2;
const F = 3;
const H = 4;
const C = 3;
const labels = [2, 0];

function rand(n: number, rng: Rng, sd = 1) {
  return Float64Array.from({ length: n }, () => rng.normal(0, sd));
}

interface Case {
  surrogate: SurrogateName;
  cuba: boolean;
  subtract: boolean;
  recurrent: boolean;
  loss: SnnLoss;
  spikesIn: boolean;
}

function check(c: Case) {
  const rng = new Rng(3);
  const hidden: NeuronDynamics = {
    beta: 0.8,
    alpha: c.cuba ? 0.6 : null,
    spiking: true,
    threshold: 0.5,
    subtract: c.subtract,
    surrogate: { name: c.surrogate, scale: c.surrogate === 'atan' ? 2 : 5 },
  };
  const membrane = c.loss.startsWith('ce-membrane');
  const out: NeuronDynamics = { ...hidden, spiking: !membrane };
  const x = c.spikesIn
    ? Float64Array.from({ length: T * B * F }, () => (rng.uniform() < 0.4 ? 1 : 0))
    : rand(B * F, rng, 1);
  const inputs = [
    tensor(x, c.spikesIn ? [T * B, F] : [B, F]),
    tensor(rand(F * H, rng, 0.8), [F, H]),
    tensor(rand(H, rng, 0.2), [H]),
    tensor(rand(H * H, rng, 0.3), [H, H]),
    tensor(rand(H * C, rng, 0.8), [H, C]),
    tensor(rand(C, rng, 0.2), [C]),
  ];
  const f = (xv: Var, w1: Var, b1: Var, v1: Var, w2: Var, b2: Var) => {
    const z1 = c.spikesIn ? synapses(xv, w1, b1, T, B) : dense(xv, w1, b1);
    const common = { ticks: T, batch: B, smooth: true, record: { spikes: null } };
    const s1 = neurons(z1, c.recurrent ? v1 : null, {
      ...hidden,
      ...common,
      static: !c.spikesIn,
      emit: 'spikes',
    });
    const z2 = synapses(s1, w2, b2, T, B);
    const y = neurons(z2, null, {
      ...out,
      ...common,
      static: false,
      emit: membrane ? 'membrane' : 'spikes',
    });
    return withCountPenalty(snnLoss(c.loss, y, labels, T), [s1], 0.01, T, B);
  };
  return gradCheck(f as (...v: Var[]) => Var, inputs, { eps: 1e-6, atol: 1e-6, rtol: 1e-4 });
}

describe('surrogate-gradient BPTT matches finite differences (float64, smooth spikes)', () => {
  const cases: Case[] = [
    {
      surrogate: 'atan',
      cuba: false,
      subtract: true,
      recurrent: false,
      loss: 'ce-membrane-sum',
      spikesIn: false,
    },
    {
      surrogate: 'fast-sigmoid',
      cuba: true,
      subtract: true,
      recurrent: true,
      loss: 'ce-membrane-last',
      spikesIn: true,
    },
    {
      surrogate: 'atan',
      cuba: false,
      subtract: false,
      recurrent: true,
      loss: 'ce-count',
      spikesIn: true,
    },
    {
      surrogate: 'fast-sigmoid',
      cuba: true,
      subtract: false,
      recurrent: false,
      loss: 'mse-count',
      spikesIn: false,
    },
    {
      surrogate: 'atan',
      cuba: true,
      subtract: true,
      recurrent: false,
      loss: 'ce-membrane-max',
      spikesIn: true,
    },
  ];
  for (const c of cases) {
    it(`${c.surrogate}, ${c.cuba ? 'CubaLIF' : 'LIF'}, reset ${c.subtract ? 'by subtraction' : 'to zero'}${c.recurrent ? ', recurrent' : ''}, ${c.loss}, ${c.spikesIn ? 'spike' : 'current'} input`, () => {
      const r = check(c);
      // every weight, bias and (current) input element; the tolerance is the float64 FD error
      expect(r.checked).toBeGreaterThan(40);
      expect(r.worst, JSON.stringify(r.worst)).not.toBeNull();
      expect(r.ok, JSON.stringify(r)).toBe(true);
    });
  }
});
