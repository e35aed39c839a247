/**
 * The raster's pixel writer against a brute-force reference: every spike in
 * the view lands on the pixel its time and neuron say, in its population's
 * colour, and nothing outside the view is drawn.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng.ts';
import {
  lowerBound,
  packColour,
  type RasterSpikes,
  rasterise,
} from '../../../web/plots/raster-image.ts';

const red = packColour('#ff0000');
const blue = packColour('#0000ff');

/** Two populations: neurons 0–7 (group 0, red) and 8–9 (group 1, blue). */
function spikes(ticks: number[], ids: number[]): RasterSpikes {
  const groupOf = new Uint8Array(10);
  groupOf.fill(1, 8);
  return {
    ticks: Uint32Array.from(ticks),
    ids: Uint32Array.from(ids),
    dt: 0.1,
    groupOf,
    palette: Uint32Array.of(red, blue),
  };
}

describe('packColour', () => {
  it('#ff8000 is bytes r=255 g=128 b=0 a=255 in memory (ImageData order)', () => {
    const bytes = new Uint8Array(Uint32Array.of(packColour('#ff8000')).buffer);
    expect(Array.from(bytes)).toEqual([255, 128, 0, 255]);
  });
});

describe('rasterise', () => {
  it('a spike at tick 25 (2.5 ms) of neuron 9, view 0–10 ms × 10 neurons on 100 × 10 px: pixel (25, 0), blue', () => {
    const out = new Uint32Array(100 * 10);
    const r = rasterise(spikes([25], [9]), { t0: 0, t1: 10, n0: 0, n1: 10 }, 100, 10, out);
    expect(r).toEqual({ inWindow: 1, drawn: 1 });
    expect(out[0 * 100 + 25]).toBe(blue);
    expect(out.filter((v) => v !== 0).length).toBe(1);
  });

  it('neuron 0 is the bottom row; spikes outside the time or neuron window are not drawn', () => {
    const out = new Uint32Array(100 * 10);
    const s = spikes([10, 20, 30, 150], [0, 5, 9, 0]);
    const r = rasterise(s, { t0: 1, t1: 10, n0: 0, n1: 9 }, 90, 9, out);
    // tick 10 = 1 ms (in), tick 150 = 15 ms (out); neuron 9 ≥ n1 (out)
    expect(r.inWindow).toBe(3);
    expect(r.drawn).toBe(2);
    expect(out[8 * 90 + 0]).toBe(red); // neuron 0 at t = 1 ms: bottom row, first column
    expect(out[3 * 90 + 10]).toBe(red); // neuron 5 at t = 2 ms: row 9 − 5 − 1 = 3, column 10
  });

  it('two spikes on one pixel write it once', () => {
    const out = new Uint32Array(10 * 10);
    const r = rasterise(spikes([0, 0], [8, 9]), { t0: 0, t1: 10, n0: 0, n1: 10 }, 10, 1, out);
    expect(r).toEqual({ inWindow: 2, drawn: 1 });
  });

  it('50,000 random spikes on 200 × 100 px: the set pixels are exactly those of a brute-force loop', () => {
    const rng = new Rng(5);
    const n = 50_000;
    const ticks = Array.from({ length: n }, () => rng.int(10_000)).sort((a, b) => a - b);
    const ids = Array.from({ length: n }, () => rng.int(10));
    const s = spikes(ticks, ids);
    const view = { t0: 123.4, t1: 567.8, n0: 2, n1: 9 };
    const [w, h] = [200, 100];
    const out = new Uint32Array(w * h);
    rasterise(s, view, w, h, out);
    const want = new Uint32Array(w * h);
    for (let k = 0; k < n; k++) {
      const t = ticks[k]! * s.dt;
      const id = ids[k]!;
      if (t < view.t0 || t >= view.t1 || id < view.n0 || id >= view.n1) continue;
      const x = Math.floor(((t - view.t0) * w) / (view.t1 - view.t0));
      const y = Math.floor(((view.n1 - id - 1) * h) / (view.n1 - view.n0));
      if (want[y * w + x] === 0) want[y * w + x] = s.palette[s.groupOf[id]!]!;
    }
    let differ = 0;
    for (let i = 0; i < w * h; i++) if ((out[i] !== 0) !== (want[i] !== 0)) differ++;
    // float rounding may move a spike that sits exactly on a pixel edge by one column
    expect(differ).toBeLessThanOrEqual(4);
    expect(out.filter((v) => v !== 0).length).toBeGreaterThan(1000);
  });

  it('2 × 3 marks fill a 2 × 3 block', () => {
    const out = new Uint32Array(20 * 20);
    rasterise(spikes([50], [5]), { t0: 0, t1: 20, n0: 0, n1: 10 }, 20, 20, out, 2, 3);
    expect(out.filter((v) => v === red).length).toBe(6);
  });
});

describe('lowerBound', () => {
  it('first index with a[k] ≥ x in [1, 3, 3, 7]: 0 for 0, 1 for 3, 3 for 4, 4 for 8', () => {
    const a = Uint32Array.of(1, 3, 3, 7);
    expect([0, 3, 4, 8].map((x) => lowerBound(a, x))).toEqual([0, 1, 3, 4]);
  });
});
