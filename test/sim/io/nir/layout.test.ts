/**
 * The layout of NIR ≥ 1.0.8 files (nested NIRGraph, gzip-compressed arrays,
 * scalar parameters, v_reset, graph metadata with dt): test/data/nir/
 * nested_gzip.nir, written with h5py by scripts/nir-fixture.py.
 */
import { describe, expect, it } from 'vitest';
import { readHdf5 } from '../../../../sim/io/nir/hdf5.ts';
import { importNir, metadataDt, readNir } from '../../../../sim/io/nir/index.ts';
import { nirBytes, run, stepsOf } from './fixtures.ts';

const f = Math.fround;

describe('a nested, gzip-compressed NIR 1.0.8 file', () => {
  it('its arrays are deflate-compressed and read back as written', async () => {
    const root = await readHdf5(nirBytes('nested_gzip'), 'nested_gzip.nir');
    const nodes = root.children.get('node');
    if (nodes?.kind !== 'group') throw new Error('no node group');
    const fc = (nodes.children.get('nodes') as typeof nodes).children.get('fc') as typeof nodes;
    const w = fc.children.get('weight');
    expect(w).toMatchObject({ shape: [3, 2], filters: ['deflate'] });
    expect(Array.from((w as { value: Float32Array }).value)).toEqual(
      [0.6, 0, 0, 0.7, 0.4, 0.4].map(f),
    );
  });

  it('dt comes from the metadata; the subgraph is inlined as rlif.lif with its recurrent edge', async () => {
    const file = await readNir(nirBytes('nested_gzip'));
    expect(file.version).toBe('1.0.8');
    expect(metadataDt(file)).toBe(1e-4);
    const net = await importNir(nirBytes('nested_gzip'));
    expect(net.dt).toBe(1e-4);
    expect(net.populations.map((p) => [p.name, p.type, p.size, p.latencyTicks])).toEqual([
      ['input', 'Input', 2, 0],
      ['rlif.lif', 'LIF', 3, 1],
    ]);
    expect(net.outputs).toEqual([{ name: 'output', population: 'rlif.lif' }]);
  });

  it('euler: scalars broadcast to the 3 neurons and the network follows x = W c + b + W_rec z_(s−1), v ← 0.9 v + x', async () => {
    const c = [1, 0.5];
    const net = await importNir(nirBytes('nested_gzip'), { integrator: 'euler', inputCurrent: c });
    const steps = 60;
    const got = run(net, steps + 1, 'rlif.lif');
    const W = [0.6, 0, 0, 0.7, 0.4, 0.4];
    const b = [0, 0, 0.05];
    const R = [0, -0.3, 0, 0, 0, -0.3, 0.5, 0, 0];
    const v = new Float32Array(3);
    let z = [0, 0, 0];
    const want: number[][] = [];
    for (let s = 0; s < steps; s++) {
      const next = [0, 0, 0];
      for (let i = 0; i < 3; i++) {
        let x = 0;
        for (let j = 0; j < 3; j++) if (z[j]) x = f(x + f(R[i * 3 + j]!));
        // input current and bias are one constant: W c + b in float64, rounded once
        x = f(x + f(W[i * 2]! * c[0]! + W[i * 2 + 1]! * c[1]! + b[i]!));
        v[i] = f(f(f(1 - 1e-4 / 1e-3) * v[i]!) + x);
        if (v[i]! > 1) {
          v[i] = 0;
          next[i] = 1;
          want.push([s, i]);
        }
      }
      z = next;
    }
    expect(want.length).toBeGreaterThan(20);
    expect(want.some(([, i]) => i === 2)).toBe(true);
    expect(stepsOf(got.spikes.get('rlif.lif')!, 1).filter(([s]) => s! < steps)).toEqual(want);
  });
});
