/**
 * The digits classifier through NIR: `train --save`, `export --to nir`,
 * `compare --model FILE.nir`. The file holds the conversion of the model
 * compare trains again from the same seed and settings, so the NIR network
 * must classify every test sample as the conversion does: same predictions,
 * same accuracy.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNir } from '../../sim/io/nir/index.ts';
import { runCli } from '../support/cli.ts';

/** The training both runs share: the NIR file is the conversion of the network compare trains again. */
const SAME = ['--dataset', 'digits', '--epochs', '4', '--seed', '3'];
const dir = mkdtempSync(join(tmpdir(), 'spikelab-nir-compare-'));

describe('a digits classifier exported to NIR, imported and compared', () => {
  it('gives the conversion’s predictions sample for sample', { timeout: 180_000 }, async () => {
    const model = join(dir, 'digits.json');
    const file = join(dir, 'digits.nir');
    const train = await runCli(['train', ...SAME, '--save', model]);
    expect(train.code).toBe(0);
    const exp = await runCli(['export', model, '--to', 'nir', '--out', file]);
    expect(exp.code).toBe(0);
    expect(exp.err).toContain('reset_mechanism "subtract"');
    const nir = await readNir(new Uint8Array(readFileSync(file)));
    expect([...nir.graph.nodes.values()].map((n) => n.type).sort()).toEqual(
      ['Affine', 'Affine', 'IF', 'IF', 'IF', 'Input', 'Output', 'Scale'].sort(),
    );
    const cmp = await runCli([
      'compare',
      '--model',
      file,
      ...SAME,
      '--samples',
      '150',
      '--threads',
      '1',
      '--out',
      join(dir, 'out'),
      '--json',
    ]);
    expect(cmp.code, cmp.err).toBe(0);
    const report = JSON.parse(cmp.out);
    const byId = Object.fromEntries(report.networks.map((n: { id: string }) => [n.id, n]));
    expect(byId.nir.label).toBe('NIR file digits.nir');
    expect(byId.nir.accuracy.samples).toBe(150);
    expect(byId.nir.accuracy.correct).toBe(byId.snn.accuracy.correct);
    expect(byId.nir.accuracy.correct).toBeGreaterThan(120); // a working classifier, not two broken ones
    const predictions = (n: { spiking?: { predictions?: number[] | null } }) =>
      n.spiking?.predictions;
    if (predictions(byId.snn)) expect(predictions(byId.nir)).toEqual(predictions(byId.snn));
  });
});
