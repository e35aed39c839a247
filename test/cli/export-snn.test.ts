/**
 * `export --to nir` of a directly trained spiking network
 * (`train --paradigm snn --save`): read back by the NIR importer it is the
 * engine network the model file describes, synapse for synapse, and gives
 * its spikes for the same input (spike trains, or a current-coded first
 * layer's input values through an Input and an Affine node).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importNir } from '../../sim/io/nir/index.ts';
import { buildNetwork } from '../../sim/network/build.ts';
import type { Network } from '../../sim/network/network.ts';
import type { NeuronPopulationSpec } from '../../sim/network/spec.ts';
import { engineSpec } from '../../src/snn/engine.ts';
import { loadSnnModelText } from '../../src/snn/model-io.ts';
import { spikeWords } from '../sim/io/nir/fixtures.ts';
import { runCli } from '../support/cli.ts';

const tiny = ['--dataset', 'yinyang', '--hidden', '16', '--epochs', '1', '--timesteps', '8'];

describe('export --to nir of a trained spiking network', () => {
  it('a latency-coded Yin-Yang network reads back as the same network with the same spikes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-snn-nir-'));
    const model = join(dir, 'yy.json');
    const out = join(dir, 'yy.nir');
    const train = ['train', '--paradigm', 'snn', ...tiny, '--encoding', 'latency'];
    expect((await runCli([...train, '--save', model, '--json'])).code).toBe(0);
    const r = await runCli(['export', model, '--to', 'nir', '--out', out]);
    expect(r.code, r.err).toBe(0);
    // four inputs (x, y, 1 − x, 1 − y), each with a spike at a different tick of the eight
    const inputTicks = [[0], [2], [5], [7]];
    const net = loadSnnModelText(readFileSync(model, 'utf8'), model).network;
    const here = buildNetwork(engineSpec(net, inputTicks));
    const back = buildNetwork(
      (await importNir(new Uint8Array(readFileSync(out)), { inputSpikes: inputTicks })).spec,
    );
    const shape = (n: Network) =>
      n.projections
        .map((p) => `${p.rowStart.length - 1} rows, ${p.targets.length} synapses`)
        .sort();
    expect(shape(back)).toEqual(shape(here));
    const weights = (n: Network) => n.projections.flatMap((p) => Array.from(p.weights)).sort();
    expect(weights(back)).toEqual(weights(here));
    const s = spikeWords(here, 40);
    expect(s.split(' ').length).toBeGreaterThan(4);
    expect(spikeWords(back, 40)).toBe(s);
  }, 120_000);

  it('a current-coded network reads back with its first layer behind an Input and an Affine node', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-snn-nir-'));
    const model = join(dir, 'yy.json');
    const out = join(dir, 'yy.nir');
    const train = ['train', '--paradigm', 'snn', ...tiny, '--encoding', 'current'];
    expect((await runCli([...train, '--save', model, '--json'])).code).toBe(0);
    const r = await runCli(['export', model, '--to', 'nir', '--out', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain('x·W + b through a NIR Input and Affine node');
    const net = loadSnnModelText(readFileSync(model, 'utf8'), model).network;
    // one sample's input (x, y, 1 − x, 1 − y), its current as the engine computes it: float32, input by input
    const u = [0.8, 0.3, 0.2, 0.7];
    const w = net.layers[0]!.weights.value.data;
    const b = net.layers[0]!.bias.value.data;
    const n = b.length;
    const current = new Float32Array(n);
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let i = 0; i < u.length; i++)
        acc = Math.fround(acc + Math.fround(u[i]! * w[i * n + j]!));
      current[j] = Math.fround(acc + b[j]!);
    }
    const spec = engineSpec(net);
    spec.populations[0] = { ...(spec.populations[0] as NeuronPopulationSpec), iOffset: current };
    const here = buildNetwork(spec);
    const back = buildNetwork(
      (await importNir(new Uint8Array(readFileSync(out)), { inputCurrent: u })).spec,
    );
    const s = spikeWords(here, 40);
    expect(s.split(' ').length).toBeGreaterThan(4);
    expect(spikeWords(back, 40)).toBe(s);
  }, 120_000);
});
