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
});
