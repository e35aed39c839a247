/**
 * Conv1d, Conv2d and the poolings as CSR connectivity: the matrix applied to
 * an input equals the convolution computed directly from its definition
 * (PyTorch's cross-correlation, row-major (C, H, W), zero padding).
 */
import { describe, expect, it } from 'vitest';
import { flattenGraph } from '../../../../sim/io/nir/flatten.ts';
import type { NirFile, NirNode } from '../../../../sim/io/nir/graph.ts';
import { applyToVector } from '../../../../sim/io/nir/linear-map.ts';
import { shapeGraph } from '../../../../sim/io/nir/shapes.ts';
import { nirToNetwork } from '../../../../sim/io/nir/to-network.ts';
import { Rng } from '../../../../src/core/rng.ts';

const rng = new Rng(5);
const arr = (shape: number[], data?: number[]) => ({
  shape,
  data: Float64Array.from(
    data ?? Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
  ),
});

function graph(inShape: number[], op: NirNode): NirFile {
  return {
    version: '1.0.0',
    graph: {
      nodes: new Map<string, NirNode>([
        ['input', { type: 'Input', params: { shape: arr([inShape.length], inShape) } }],
        ['op', op],
        [
          'lif',
          {
            type: 'LIF',
            params: {
              tau: arr([], [0.01]),
              r: arr([], [1]),
              v_leak: arr([], [0]),
              v_threshold: arr([], [1]),
            },
          },
        ],
        ['output', { type: 'Output', params: {} }],
      ]),
      edges: [
        ['input', 'op'],
        ['op', 'lif'],
        ['lif', 'output'],
      ],
    },
  };
}

/** Direct 2-D cross-correlation of x [C, H, W] with w [Co, C/g, kH, kW]. */
function conv2d(
  x: Float64Array,
  [, H, W]: number[],
  w: Float64Array,
  [Co, Cg, kH, kW]: number[],
  s: number,
  p: number,
  g: number,
) {
  const oH = Math.floor((H! + 2 * p - kH!) / s) + 1;
  const oW = Math.floor((W! + 2 * p - kW!) / s) + 1;
  const y = new Float64Array(Co! * oH * oW);
  for (let co = 0; co < Co!; co++)
    for (let oy = 0; oy < oH; oy++)
      for (let ox = 0; ox < oW; ox++) {
        let acc = 0;
        const grp = Math.floor(co / (Co! / g));
        for (let c = 0; c < Cg!; c++)
          for (let ky = 0; ky < kH!; ky++)
            for (let kx = 0; kx < kW!; kx++) {
              const iy = oy * s - p + ky;
              const ix = ox * s - p + kx;
              if (iy < 0 || iy >= H! || ix < 0 || ix >= W!) continue;
              acc +=
                w[((co * Cg! + c) * kH! + ky) * kW! + kx]! *
                x[((grp * Cg! + c) * H! + iy) * W! + ix]!;
            }
        y[(co * oH + oy) * oW + ox] = acc;
      }
  return y;
}

function opOf(file: NirFile) {
  const g = shapeGraph(flattenGraph(file.graph), 4e9);
  return { csr: g.ops.get('op')!, out: g.shapes.get('op')! };
}

describe('convolutions as connectivity', () => {
  it.each([
    [1, 0, 1],
    [2, 1, 1],
    [1, 1, 2],
  ])('Conv2d stride %i padding %i groups %i equals the direct convolution', (s, p, g) => {
    const inShape = [2, 6, 5];
    const wShape = [4, 2 / g, 3, 3];
    const w = arr(wShape);
    const file = graph(inShape, {
      type: 'Conv2d',
      params: {
        weight: w,
        stride: arr([2], [s, s]),
        padding: arr([2], [p, p]),
        groups: arr([], [g]),
        dilation: arr([], [1]),
      },
    });
    const { csr, out } = opOf(file);
    const x = arr([60]).data;
    const want = conv2d(x, inShape, w.data, wShape, s, p, g);
    expect(out).toEqual([
      4,
      Math.floor((6 + 2 * p - 3) / s) + 1,
      Math.floor((5 + 2 * p - 3) / s) + 1,
    ]);
    const got = applyToVector(x, csr);
    expect(got.length).toBe(want.length);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i]!, 12);
  });

  it('Conv1d is Conv2d over a height of one', () => {
    const w = arr([3, 2, 3]);
    const { csr, out } = opOf(
      graph([2, 7], { type: 'Conv1d', params: { weight: w, padding: arr([], [1]) } }),
    );
    const x = arr([14]).data;
    expect(out).toEqual([3, 7]);
    // padding 1 along the length only: compare against a width padded by hand
    const padded = new Float64Array(2 * 9);
    for (let c = 0; c < 2; c++) for (let i = 0; i < 7; i++) padded[c * 9 + i + 1] = x[c * 7 + i]!;
    const wantPadded = conv2d(padded, [2, 1, 9], w.data, [3, 2, 1, 3], 1, 0, 1);
    const got = applyToVector(x, csr);
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(wantPadded[i]!, 12);
    expect(got.length).toBe(wantPadded.length);
  });

  it('SumPool2d and AvgPool2d (2×2, stride 2): sums and means of each window per channel', () => {
    const x = Float64Array.from({ length: 2 * 4 * 4 }, (_, i) => i);
    for (const [type, scale] of [
      ['SumPool2d', 1],
      ['AvgPool2d', 0.25],
    ] as const) {
      const { csr, out } = opOf(
        graph([2, 4, 4], {
          type,
          params: {
            kernel_size: arr([2], [2, 2]),
            stride: arr([2], [2, 2]),
            padding: arr([2], [0, 0]),
          },
        }),
      );
      expect(out).toEqual([2, 2, 2]);
      // channel 0, window rows 0–1 × cols 0–1: 0 + 1 + 4 + 5 = 10; channel 1's last window: 26 + 27 + 30 + 31 = 114
      const y = applyToVector(x, csr);
      expect(y[0]).toBeCloseTo(10 * scale, 12);
      expect(y[7]).toBeCloseTo(114 * scale, 12);
    }
  });

  it('a Conv2d between an Input and a LIF becomes one projection with the kernel’s synapses', () => {
    const file = graph([1, 4, 4], { type: 'Conv2d', params: { weight: arr([2, 1, 3, 3]) } });
    const net = nirToNetwork(file, { dt: 1e-4 });
    expect(net.populations.find((p) => p.name === 'lif')!.size).toBe(2 * 2 * 2);
    const pr = net.spec.projections[0]!;
    // 8 outputs × 9 taps, every tap inside the 4 × 4 input (no padding)
    expect((pr.connector as { targets: ArrayLike<number> }).targets.length).toBe(72);
  });
});
