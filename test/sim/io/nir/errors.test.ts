/** Bad NIR files are refused with a message that names the node or field at fault. */
import { describe, expect, it } from 'vitest';
import { nirTree, parseNirTree } from '../../../../sim/io/nir/graph.ts';
import { type H5Group, readHdf5, writeHdf5 } from '../../../../sim/io/nir/hdf5.ts';
import { importNir, readNir } from '../../../../sim/io/nir/index.ts';
import { nirBytes } from './fixtures.ts';

/** lif_norse with one change made to its parsed graph, written back as HDF5. */
async function edited(
  change: (
    nodes: Map<string, import('../../../../sim/io/nir/graph.ts').NirNode>,
    edges: [string, string][],
  ) => void,
) {
  const file = await readNir(nirBytes('lif_norse'));
  change(file.graph.nodes, file.graph.edges);
  return writeHdf5(nirTree(file));
}

const arr = (shape: number[], data: number[]) => ({ shape, data: Float64Array.from(data) });

describe('bad NIR input', () => {
  it('not HDF5', async () => {
    await expect(
      importNir(new TextEncoder().encode('{"nodes": []}'), { dt: 1e-4, where: 'x.nir' }),
    ).rejects.toThrow(/x\.nir: not an HDF5 file/);
  });

  it('an HDF5 file without a node group', async () => {
    const tree: H5Group = {
      kind: 'group',
      children: new Map([['version', { kind: 'dataset', shape: [], value: ['1.0.0'] }]]),
    };
    const bytes = await writeHdf5(tree);
    await expect(importNir(bytes, { dt: 1e-4, where: 'y.nir' })).rejects.toThrow(
      /y\.nir: no 'node' group at the root \(found version\)/,
    );
  });

  it('a version outside 0.1–1.0', async () => {
    const root = await readHdf5(nirBytes('lif_norse'), 'f');
    root.children.set('version', { kind: 'dataset', shape: [], value: ['2.1.0'] });
    expect(() => parseNirTree(root, 'f')).toThrow(
      /version: got "2.1.0"; allowed: a NIR version from 0.1.0 to 1.0.x/,
    );
  });

  it('an unknown node type, by node name, with the types allowed', async () => {
    const bytes = await edited((nodes) => {
      nodes.set('1', { type: 'Izhikevich', params: { a: arr([1], [0.02]) } });
    });
    await expect(importNir(bytes, { dt: 1e-4 })).rejects.toThrow(
      /node 1: type "Izhikevich" has no spikelab mapping; allowed: Input, Output, Affine, .*CubaLIF.*NIRGraph/,
    );
  });

  it('an edge to a missing node', async () => {
    const bytes = await edited((_n, edges) => {
      edges.push(['1', 'lif9']);
    });
    await expect(importNir(bytes, { dt: 1e-4 })).rejects.toThrow(
      /edge 3 \(1 → lif9\).*target "lif9" is not a node/,
    );
  });

  it('weights whose shape does not match the layer they feed', async () => {
    const bytes = await edited((nodes) => {
      nodes.get('0')!.params.weight = arr([3, 2], [1, 1, 1, 1, 1, 1]);
      nodes.get('0')!.params.bias = arr([3], [0, 0, 0]);
    });
    await expect(importNir(bytes, { dt: 1e-4 })).rejects.toThrow(
      /node 0 \(Affine\): takes 2 inputs, but its input has 1/,
    );
  });

  it('a negative time constant', async () => {
    const bytes = await edited((nodes) => {
      nodes.get('1')!.params.tau = arr([1], [-0.0025]);
    });
    await expect(importNir(bytes, { dt: 1e-4 })).rejects.toThrow(
      /node 1\.tau\[0\]: got -0.0025; allowed: a time constant > 0 \(s\)/,
    );
  });

  it('NaN in a weight', async () => {
    const bytes = await edited((nodes) => {
      nodes.get('0')!.params.weight = arr([1, 1], [Number.NaN]);
    });
    await expect(importNir(bytes, { dt: 1e-4 })).rejects.toThrow(
      /node 0\.weight\[0\]: got NaN; allowed: a finite number/,
    );
  });

  it('a Conv2d too large for memory, refused before its synapses are allocated', async () => {
    const bytes = await edited((nodes, edges) => {
      nodes.get('input')!.params.shape = arr([3], [1, 4096, 4096]);
      nodes.set('0', {
        type: 'Conv2d',
        params: { weight: arr([64, 1, 3, 3], Array(576).fill(0.1)), padding: arr([2], [1, 1]) },
      });
      edges.splice(0);
      edges.push(['input', '0'], ['0', '1'], ['1', 'output']);
    });
    await expect(importNir(bytes, { dt: 1e-4 })).rejects.toThrow(
      /node 0 \(Conv2d\): connectivity of 9\.66e\+9 synapses needs 271 GB; the memory budget is/,
    );
  });

  it('euler with dt above a time constant', async () => {
    // lif1's τ_syn are about 0.22 ms (snnTorch's α ≈ 0.55 at dt = 0.1 ms)
    await expect(
      importNir(nirBytes('braille_noDelay_bias_zero'), { dt: 1e-3, integrator: 'euler' }),
    ).rejects.toThrow(
      /node lif1\.lif\.tau_syn\[0\]: got 0\.000222\d*; allowed: a time constant ≥ dt = 0\.001 s with --integrator euler/,
    );
  });

  it('no dt and none in the metadata', async () => {
    await expect(importNir(nirBytes('lif_norse'))).rejects.toThrow(
      /dt: missing; NIR fixes no time step/,
    );
  });

  it('a non-spiking LI feeding another layer', async () => {
    const bytes = await edited((nodes) => {
      nodes.set('1', {
        type: 'LI',
        params: { tau: arr([1], [0.01]), r: arr([1], [1]), v_leak: arr([1], [0]) },
      });
      nodes.set('2', {
        type: 'LIF',
        params: {
          tau: arr([], [0.01]),
          r: arr([], [1]),
          v_leak: arr([], [0]),
          v_threshold: arr([], [1]),
        },
      });
    });
    const withEdge = await readNir(bytes);
    withEdge.graph.edges.push(['1', '2'], ['2', 'output']);
    await expect(importNir(await writeHdf5(nirTree(withEdge)), { dt: 1e-4 })).rejects.toThrow(
      /node 1 \(LI\) feeds 2, but LI does not spike/,
    );
  });
});
