import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'spikelab-export-'));

async function run(args: string[]) {
  const io = memoryIo();
  const code = await main(['export', ...args], io);
  return { code, out: io.stdout.join(''), err: io.stderr.join('') };
}

describe('spikelab export', () => {
  it('writes a PyNN script of a reference model with the flags simulate takes', async () => {
    const out = join(dir, 'cuba.py');
    const r = await run(['cuba', '--n', '1000', '--seed', '3', '--to', 'pynn', '--out', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('sim.Population(800, sim.IF_curr_exp(');
    expect(text).toContain('sim.Population(200, sim.IF_curr_exp(');
    // fan-in 80 kept: p = 0.02 · 4000 / 1000
    expect(text.match(/FixedProbabilityConnector\(0\.08,/g)).toHaveLength(4);
    expect(text).toContain('mpirun -np N python3');
    expect(r.err).toContain('mpirun -np N python3');
    expect(r.err).toMatch(/approximation: .*same statistics/);
  });

  it('--to nosuch: exit 2, naming the flag and the formats', async () => {
    const r = await run(['cuba', '--to', 'nosuch', '--out', join(dir, 'x.py')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--to: got "nosuch"; allowed: one of pynn');
  });

  it('a network with the TrueNorth neuron: exit 2, naming the field and the model', async () => {
    const file = join(dir, 'tn.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        dt: 1,
        seed: 1,
        populations: [
          { label: 'in', size: 1, model: 'SpikeSourceArray', params: { spikeTimes: [[1]] } },
          { label: 'core', size: 2, model: 'TrueNorth' },
        ],
        projections: [],
      }),
    );
    const r = await run([file, '--to', 'pynn', '--out', join(dir, 'tn.py')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'populations.1.model: got "TrueNorth", which PyNN has no standard cell type',
    );
  });

  it('an output path under a file: exit 2, the file untouched', async () => {
    const file = join(dir, 'plain.txt');
    writeFileSync(file, 'keep me');
    const r = await run(['cuba', '--n', '100', '--to', 'pynn', '--out', join(file, 'net.py')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `--out: cannot write ${join(file, 'net.py')} (${file} is a file, not a directory)`,
    );
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('an unknown network name: exit 2 listing the reference models', async () => {
    const r = await run(['nosuch', '--to', 'pynn']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('network: got "nosuch"; allowed: one of cuba, coba, brunel');
  });
});
