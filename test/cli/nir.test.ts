/** `spikelab simulate` and `map` on NIR files, and their refusals (exit 2, a message naming the flag or node). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'spikelab-nir-cli-'));
const nir = (name: string) => fileURLToPath(new URL(`../data/nir/${name}.nir`, import.meta.url));

describe('spikelab simulate FILE.nir', () => {
  it('prints each population under its NIR node name, with dt, integrator and latency', async () => {
    const r = await runCli([
      'simulate',
      nir('braille_noDelay_bias_zero'),
      '--dt',
      '0.1',
      '--integrator',
      'euler',
      '--duration',
      '20',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('NIR 0.2.0, dt 0.1 ms (0.0001 s), euler integration');
    expect(r.out).toContain('lif1.lif (CubaLIF, 1 tick behind), lif2 (CubaLIF, 2 ticks behind)');
    expect(r.out).toMatch(/\n {2}lif1\.lif +38 CubaLIF/);
    expect(r.out).toMatch(/\n {2}lif2 +7 CubaLIF/);
  });

  it('--input-current drives lif_norse at the closed form’s rate: one spike per 3 ticks of 0.1 ms (ticks 3 … 297 of 300)', async () => {
    const r = await runCli([
      'simulate',
      nir('lif_norse'),
      '--dt',
      '0.1',
      '--input-current',
      '1',
      '--duration',
      '30',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    expect(s.populations.find((p: { label: string }) => p.label === '1').spikes).toBe(99);
  });

  it('--input reads a raster CSV: one input spike through weight 1 gives lif_norse 1 − e^(−0.04) < θ, so two in a row spike it', async () => {
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, 'time_ms,neuron\n0,0\n0.1,0\n0.2,0\n');
    const r = await runCli([
      'simulate',
      nir('lif_norse'),
      '--dt',
      '0.1',
      '--input',
      csv,
      '--duration',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(0);
    // v after 1, 2, 3 unit inputs: 0.039, 0.077, 0.113 > 0.1: one spike
    expect(
      JSON.parse(r.out).populations.find((p: { label: string }) => p.label === '1').spikes,
    ).toBe(1);
  });

  it('a missing --dt: exit 2, naming the flag', async () => {
    const r = await runCli(['simulate', nir('lif_norse')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: --dt: missing; NIR fixes no time step, so give it in ms/);
  });

  it('not an HDF5 file: exit 2', async () => {
    const bad = join(dir, 'bad.nir');
    writeFileSync(bad, 'not hdf5');
    const r = await runCli(['simulate', bad, '--dt', '0.1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`error: ${bad}: not an HDF5 file`);
  });

  it('an input current of the wrong length: exit 2, naming the inputs', async () => {
    const r = await runCli(['simulate', nir('lif_norse'), '--dt', '0.1', '--input-current', '1,2']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('inputCurrent: 2 values for 1 input elements (input: 1)');
  });

  it('NIR flags with a non-NIR network: exit 2', async () => {
    const r = await runCli(['simulate', 'cuba', '--input-current', '1']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--input-current: got an array of 1; allowed: only with a .nir file');
  });
});

describe('spikelab map FILE.nir', () => {
  it('prices the braille network on Loihi, one step per 1 ms tick', async () => {
    const r = await runCli([
      'map',
      nir('braille_noDelay_bias_zero'),
      '--platform',
      'loihi',
      '--dt',
      '0.1',
      '--integrator',
      'euler',
      '--input-current',
      '1,0,0,1,0,1,1,0,0,1,0,1',
      '--duration',
      '50',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const rep = JSON.parse(r.out);
    expect(rep.dt).toBe(1);
    expect(rep.dtChangedFrom).toBeNull();
    // 38 + 7 neurons; a constant input current folds fc1 into constants, leaving the 1,444
    // recurrent and 266 fc2 weights as synapses
    expect(rep).toMatchObject({ neurons: 45, synapses: 1444 + 266, platform: 'loihi' });
    expect(rep.runs[0].report.realTime).toBe(true);
  });
});

describe('spikelab export --to nir', () => {
  it('a network JSON of discrete neurons: a NIR file that imports back to the same populations', async () => {
    const json = join(dir, 'net.json');
    const out = join(dir, 'net.nir');
    writeFileSync(
      json,
      JSON.stringify({
        schemaVersion: 1,
        dt: 0.1,
        seed: 1,
        populations: [
          { label: 'in', size: 2, model: 'SpikeSourceArray', params: { spikeTimes: [[0], [0.1]] } },
          { label: 'lif', size: 3, model: 'LIF', params: { beta: 0.9, resetBySubtraction: 0 } },
        ],
        projections: [
          {
            pre: 'in',
            post: 'lif',
            connector: { type: 'allToAll' },
            weight: 0.7,
            delay: 0.1,
            receptor: 'excitatory',
          },
        ],
      }),
    );
    const r = await runCli(['export', json, '--to', 'nir', '--out', out]);
    expect(r.code, r.err).toBe(0);
    const back = await runCli(['simulate', out, '--duration', '1', '--json']); // dt from the file's metadata
    expect(back.code, back.err).toBe(0);
    expect(
      JSON.parse(back.out).populations.map((p: { label: string; size: number }) => [
        p.label,
        p.size,
      ]),
    ).toEqual([
      ['in', 2],
      ['lif', 3],
    ]);
  });

  it('a model NIR has no node for: exit 2, naming the population and the model', async () => {
    const r = await runCli([
      'export',
      'cuba',
      '--n',
      '100',
      '--to',
      'nir',
      '--out',
      join(dir, 'cuba.nir'),
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'population exc: model IF_curr_exp has no NIR equivalent; allowed: LIF, CubaLIF, LI, CubaLI, IF_nonleaky',
    );
  });
});
