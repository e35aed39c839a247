/** The same seed gives bit-identical weights after training; another seed different ones. */
import { describe, expect, it } from 'vitest';
import { yinYangDataset } from '../../src/data/builtin/yinyang.ts';
import { snnDefaults } from '../../src/snn/settings.ts';
import { SnnTrainer } from '../../src/snn/trainer.ts';

const data = yinYangDataset({ seed: 0, train: 96, validation: 0, test: 0 });

function weights(seed: number, encoding: 'current' | 'rate') {
  const s = { ...snnDefaults('yinyang'), hidden: [16], epochs: 2, batch: 32, ticks: 10, encoding };
  const t = new SnnTrainer(s, data, seed);
  while (!t.done) t.step();
  return t.network.params.map((p) => Array.from(p.value.data));
}

describe('determinism', () => {
  it('current input: the same seed, the same bits', () => {
    expect(weights(4, 'current')).toEqual(weights(4, 'current'));
    expect(weights(5, 'current')).not.toEqual(weights(4, 'current'));
  });
  it('rate-coded input (spikes drawn from the seed): the same seed, the same bits', () => {
    expect(weights(4, 'rate')).toEqual(weights(4, 'rate'));
  });
});
