/**
 * A network trained here, built as an engine network and simulated there,
 * gives the training forward pass's spikes sample for sample. The trainer
 * performs the engine's float32 operations in the engine's order (weights
 * of active inputs summed in input order, then the bias; β·v rounded, then
 * the input added), so the spikes are identical, not merely close.
 */
import { describe, expect, it } from 'vitest';
import { yinYangDataset } from '../../src/data/builtin/yinyang.ts';
import { split } from '../../src/data/dataset.ts';
import { loadDataset } from '../../src/data/node/load.ts';
import { runInEngine, trainerSpikes } from '../../src/snn/engine.ts';
import { type SnnSettings, snnDefaults } from '../../src/snn/settings.ts';
import { evaluateSnn, SnnTrainer } from '../../src/snn/trainer.ts';

function compare(
  s: SnnSettings,
  train: ReturnType<typeof split>['train'],
  test: typeof train,
  n: number,
) {
  const t = new SnnTrainer(s, train, 0);
  while (!t.done) t.step();
  const rows = Int32Array.from({ length: n }, (_, i) => i);
  const engine = runInEngine(t.network, s, test, rows);
  const ev = evaluateSnn(t.network, s, test);
  let identical = 0;
  let spikes = 0;
  let accEngine = 0;
  let accTrainer = 0;
  for (let i = 0; i < n; i++) {
    const mine = trainerSpikes(t.network, s, test, i);
    spikes += mine.reduce((a, l) => a + l.length, 0);
    if (JSON.stringify(mine) === JSON.stringify(engine[i]!.spikes)) identical++;
    if (engine[i]!.prediction === test.y[i]) accEngine++;
    if (ev.predictions[i] === test.y[i]) accTrainer++;
  }
  return { identical, spikes, accEngine: accEngine / n, accTrainer: accTrainer / n };
}

describe('trained network in the engine', () => {
  it('digits (current input, LIF, LI readout): all 359 test samples spike identically', () => {
    const parts = split(loadDataset('digits'), 0);
    const s = { ...snnDefaults('digits'), hidden: [64], epochs: 1 };
    const r = compare(s, parts.train, parts.test, parts.test.n);
    expect(r.spikes).toBeGreaterThan(359 * 100); // the hidden layer is active, so the test means something
    expect(r.identical).toBe(359);
    expect(Math.abs(r.accEngine - r.accTrainer)).toBeLessThanOrEqual(0.001);
  });

  it('Yin-Yang, latency spike trains, two hidden layers, LIF readout, reset to zero: identical', () => {
    const parts = split(yinYangDataset({ train: 256, validation: 0, test: 100 }), 0);
    const s: SnnSettings = {
      ...snnDefaults('yinyang'),
      hidden: [24, 12],
      encoding: 'latency',
      readout: 'lif',
      loss: 'ce-count',
      reset: 'zero',
      epochs: 2,
    };
    const r = compare(s, parts.train, parts.test, 100);
    expect(r.spikes).toBeGreaterThan(100 * 10);
    expect(r.identical).toBe(100);
    expect(r.accEngine).toBe(r.accTrainer);
  });

  it('recurrent CubaLIF: the recurrent and feed-forward weights share one input sum in the engine; measured identical', () => {
    const parts = split(yinYangDataset({ train: 256, validation: 0, test: 100 }), 0);
    const s: SnnSettings = {
      ...snnDefaults('yinyang'),
      hidden: [24],
      neuron: 'cubalif',
      alpha: 0.8,
      recurrent: true,
      epochs: 2,
    };
    const r = compare(s, parts.train, parts.test, 100);
    expect(r.spikes).toBeGreaterThan(100 * 10);
    // the summation order may differ (float32 rounding); on these samples it does not change a spike
    expect(r.identical).toBeGreaterThanOrEqual(99);
    expect(Math.abs(r.accEngine - r.accTrainer)).toBeLessThanOrEqual(0.01);
  });
});
