/**
 * A training pass without hidden rasters: the synapses read the spike lists the kernel made, so
 * skipping the 0/1 raster changes nothing the loss, the gradients or the counts see. A stray read
 * of the skipped raster would find NaN.
 */
import { describe, expect, it } from 'vitest';
import { Tape } from '../../src/ann/graph.ts';
import { Rng } from '../../src/core/rng.ts';
import { loadDataset } from '../../src/data/node/load.ts';
import { snnLoss } from '../../src/snn/losses.ts';
import { SnnNetwork } from '../../src/snn/network.ts';
import { snnDefaults } from '../../src/snn/settings.ts';
import { architectureOf, encodeRows } from '../../src/snn/trainer.ts';

const data = loadDataset('digits');

function pass(rasters: boolean, encoding: 'current' | 'rate') {
  // two hidden layers: the second reads the first one's list, the readout the second one's
  const s = { ...snnDefaults('digits'), hidden: [32, 16], ticks: 12, encoding };
  const net = new SnnNetwork(architectureOf(s, data.features, 10), new Rng(3).derive('init'));
  const rows = Array.from({ length: 16 }, (_, i) => i * 7);
  const tape = new Tape();
  const x = encodeRows(s, data, rows, new Rng(4));
  const p = net.forward(tape, x, rows.length, true, false, rasters);
  const labels = rows.map((r) => data.y[r]!);
  const loss = snnLoss('ce-membrane-sum', p.output, labels, s.ticks);
  tape.backward(loss);
  return {
    loss: loss.data[0]!,
    output: Array.from(p.output.data),
    grads: net.params.map((q) => Array.from(q.grad)),
    counts: p.spikeCounts,
    rasters: p.spikes.length,
    hard: p.hardSpikes.length,
  };
}

describe('hidden layers without a raster', () => {
  it.each(['current', 'rate'] as const)(
    '%s input: the same loss, output, gradients and counts, bit for bit',
    (encoding) => {
      const full = pass(true, encoding);
      const lean = pass(false, encoding);
      expect(full.rasters).toBe(2);
      expect(lean.rasters).toBe(0);
      expect(lean.hard).toBe(0);
      expect(lean.counts).toEqual(full.counts);
      expect(full.counts.every((c) => c > 0)).toBe(true); // spikes flowed through both layers
      expect(lean.loss).toBe(full.loss);
      expect(lean.output).toEqual(full.output);
      expect(lean.grads).toEqual(full.grads);
    },
  );
});
