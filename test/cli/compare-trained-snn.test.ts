import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

describe('spikelab compare --trained-snn', () => {
  it('reports the directly trained network beside the ANN and the conversion, with energy, latency and McNemar', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spikelab-cmp-'));
    const args = ['compare', '--dataset', 'digits', '--trained-snn', '--snn-epochs', '2'];
    const r = await runCli([...args, '--samples', '60', '--epochs', '3', '--json', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.networks.map((n: { id: string }) => n.id)).toEqual(['ann', 'snn', 'trained-snn']);
    const t = report.networks[2];
    expect(t.origin).toBe('surrogate-gradient');
    // simulated for the 25 ticks it was trained for, not the conversion's 100
    expect(t.latency.timesteps).toBe(25);
    expect(t.accuracyByTick).toHaveLength(25);
    expect(t.accuracy.samples).toBe(60);
    // two epochs of 64-256-10 on digits: far above the 10 % of chance
    expect(t.accuracy.value).toBeGreaterThan(0.7);
    expect(Object.keys(t.energy).sort()).toEqual(['loihi', 'spinnaker', 'truenorth']);
    expect(t.spiking.encoding.kind).toBe('poisson');
    const pairs = report.comparisons.map(
      (c: { first: string; second: string }) => `${c.first}/${c.second}`,
    );
    expect(pairs).toEqual(['ann/snn', 'ann/trained-snn', 'snn/trained-snn']);
    for (const c of report.comparisons) expect(c.samples).toBe(60);
  });

  it('a data set whose rate network standardises its inputs is refused by name', async () => {
    const r = await runCli([
      'compare',
      '--dataset',
      'iris',
      '--trained-snn',
      '--out',
      mkdtempSync(join(tmpdir(), 'x-')),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--trained-snn: iris's rate network standardises its inputs/);
  });

  it('a spiking model saved by train --paradigm snn is the contender --trained-snn would train, without training it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-cmp-'));
    const file = join(dir, 'snn.json');
    // the contender's settings: rate coding, LIF readout, loss on spike counts
    const contender = ['--encoding', 'rate', '--readout', 'lif', '--loss', 'ce-count'];
    const train = ['train', '--paradigm', 'snn', '--dataset', 'digits', ...contender];
    expect((await runCli([...train, '--epochs', '2', '--save', file, '--json'])).code).toBe(0);
    const common = ['--samples', '60', '--epochs', '3', '--json', '--out', dir];
    const trained = await runCli([
      'compare',
      '--dataset',
      'digits',
      '--trained-snn',
      '--snn-epochs',
      '2',
      ...common,
    ]);
    const loaded = await runCli(['compare', '--model', file, ...common]);
    expect(loaded.code, loaded.err).toBe(0);
    const [a, b] = [trained, loaded].map((r) => JSON.parse(r.out).networks);
    expect(b.map((n: { id: string }) => n.id)).toEqual(['ann', 'snn', 'trained-snn']);
    // same data set, seed and settings: the same weights, so the same spikes and verdicts
    expect(b[2].description).toBe(a[2].description);
    expect(b[2].accuracyByTick).toEqual(a[2].accuracyByTick);
    expect(b[2].energy).toEqual(a[2].energy);
    expect(b[0].accuracy).toEqual(a[0].accuracy);
  });

  it('a spiking model compare cannot run, or beside --trained-snn, is refused by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spikelab-cmp-'));
    const file = join(dir, 'current.json');
    const tiny = ['--dataset', 'yinyang', '--epochs', '1', '--hidden', '8', '--save', file];
    expect((await runCli(['train', '--paradigm', 'snn', ...tiny, '--json'])).code).toBe(0);
    const r = await runCli(['compare', '--model', file, '--out', dir]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /--model .*current\.json: encoding current, readout li; allowed: rate coding and a lif readout/,
    );
    const both = await runCli(['compare', '--model', file, '--trained-snn', '--out', dir]);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--trained-snn: not with --model of a trained spiking network/);
  });
});
