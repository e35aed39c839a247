/**
 * A file spikelab writes reads with Python's h5py (Debian's python3-h5py)
 * and has the layout nir.read expects: a string `version`, `node/type`
 * NIRGraph, (E, 2) string edges naming existing nodes, a `type` string and
 * the primitive's parameters per node, gzip on the arrays. Skips, saying
 * so, where h5py is absent; SPIKELAB_REQUIRE_PYTHON_PEERS=1 (CI) turns the
 * skip into a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportNir } from '../../../../sim/io/nir/index.ts';
import type { NetworkSpec } from '../../../../sim/network/spec.ts';

const PYTHON = '/usr/bin/python3';
const hasH5py = spawnSync(PYTHON, ['-c', 'import h5py'], { stdio: 'ignore' }).status === 0;
const required = process.env.SPIKELAB_REQUIRE_PYTHON_PEERS === '1';
if (!hasH5py) {
  const msg = `h5py peer test: ${PYTHON} cannot import h5py (apt-get install -y python3-h5py)`;
  if (required) throw new Error(`${msg}; SPIKELAB_REQUIRE_PYTHON_PEERS=1 requires it`);
  console.warn(`SKIPPED ${msg}`);
}

const spec: NetworkSpec = {
  schemaVersion: 1,
  dt: 0.1,
  seed: 1,
  populations: [
    { label: 'in', size: 3, model: 'SpikeSourceArray', params: { spikeTimes: [[0], [], [1]] } },
    {
      label: 'lif',
      size: 4,
      model: 'LIF',
      params: { beta: 0.9, resetBySubtraction: 0 },
      iOffset: 0.1,
    },
    {
      label: 'cuba',
      size: 2,
      model: 'CubaLIF',
      params: { beta: 0.8, alpha: 0.5, resetBySubtraction: 0 },
    },
  ],
  projections: [
    {
      pre: 'in',
      post: 'lif',
      connector: { type: 'allToAll' },
      weight: 0.5,
      delay: 0.1,
      receptor: 'excitatory',
    },
    {
      pre: 'lif',
      post: 'cuba',
      connector: { type: 'allToAll' },
      weight: 0.3,
      delay: 0.1,
      receptor: 'excitatory',
    },
  ],
};

describe.skipIf(!hasH5py)('h5py reads what spikelab writes', () => {
  it('NIR layout: version, NIRGraph, (E, 2) edges, typed nodes, gzip arrays, metadata dt', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'spikelab-nir-')), 'net.nir');
    writeFileSync(path, await exportNir(spec));
    const script = fileURLToPath(new URL('./nir_layout_check.py', import.meta.url));
    const out = JSON.parse(execFileSync(PYTHON, [script, path], { encoding: 'utf8' }));
    expect(out.version).toBe('1.0.8');
    expect(out.metadata).toEqual({ dt: 1e-4, integrator: 'exact', constants_from: 'tick 0' });
    const types = Object.fromEntries(
      Object.entries(out.nodes).map(([k, v]) => [k, (v as { type: string }).type]),
    );
    expect(types).toEqual({
      'node/nodes/in': 'Input',
      'node/nodes/in_to_lif': 'Affine',
      'node/nodes/lif': 'LIF',
      'node/nodes/lif_to_cuba': 'Linear',
      'node/nodes/cuba': 'CubaLIF',
      'node/nodes/cuba_out': 'Output',
    });
    const lif = out.nodes['node/nodes/lif'].params;
    expect(lif.tau).toEqual({ dtype: 'float64', shape: [4], gzip: true });
    expect(out.nodes['node/nodes/in'].params.shape).toEqual({
      dtype: 'int64',
      shape: [1],
      gzip: true,
    });
    expect(out.nodes['node/nodes/in_to_lif'].params.weight).toEqual({
      dtype: 'float32',
      shape: [4, 3],
      gzip: true,
    });
    expect(out.nodes['node/nodes/in_to_lif'].params.bias.shape).toEqual([4]);
  });
});
