/**
 * Spike raster → pixels, without the DOM: every spike inside the view sets
 * one mark in a Uint32Array of RGBA pixels (little-endian ABGR words, the
 * layout of ImageData). Work is one binary search on the time-sorted ticks
 * plus a few operations per visible spike: a mark whose pixel is already set
 * is skipped, and nothing allocates per spike (the browser test,
 * test/e2e/web.e2e.ts, prints the drawing times of a million spikes).
 *
 * Coordinates: time t (ms) runs left to right over [t0, t1); neuron i
 * occupies the band [i, i + 1) of the y axis, with [n0, n1) bottom to top.
 */

export interface RasterSpikes {
  /** Tick of each spike, ascending. */
  ticks: Uint32Array;
  /** Global neuron id of each spike. */
  ids: Uint32Array;
  /** Tick length (ms). */
  dt: number;
  /** Colour group (population) of each neuron id. */
  groupOf: Uint8Array;
  /** Packed colour of each group (see packColour). */
  palette: Uint32Array;
}

export interface RasterView {
  t0: number;
  t1: number;
  n0: number;
  n1: number;
}

/** `#rrggbb` → ABGR word as ImageData stores it on little-endian machines (all current browsers). */
export function packColour(hex: string, alpha = 255): number {
  const v = Number.parseInt(hex.slice(1), 16);
  return ((alpha << 24) | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff)) >>> 0;
}

/** First index k with a[k] ≥ x (a ascending). */
export function lowerBound(a: Uint32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface RasterStats {
  /** Spikes inside the time window. */
  inWindow: number;
  /** Marks written (the rest fell on an already set pixel or outside the neuron range). */
  drawn: number;
}

/**
 * Draws the spikes of `view` into `out` (width × height pixels, cleared by
 * the caller). Marks are `markW` × `markH` pixels; with 1 × 1 marks a set
 * pixel is never written twice.
 */
export function rasterise(
  s: RasterSpikes,
  view: RasterView,
  width: number,
  height: number,
  out: Uint32Array,
  markW = 1,
  markH = 1,
): RasterStats {
  const { ticks, ids, dt, groupOf, palette } = s;
  const { t0, t1, n0, n1 } = view;
  if (!(t1 > t0 && n1 > n0 && width > 0 && height > 0)) return { inWindow: 0, drawn: 0 };
  // spikes with t0 ≤ tick·dt < t1
  const k0 = lowerBound(ticks, Math.ceil(t0 / dt - 1e-9));
  const k1 = lowerBound(ticks, Math.ceil(t1 / dt - 1e-9));
  const sx = width / (t1 - t0);
  const sy = height / (n1 - n0);
  const xOff = -t0 * sx;
  const xPerTick = dt * sx;
  let drawn = 0;
  for (let k = k0; k < k1; k++) {
    const id = ids[k]!;
    if (id + 1 <= n0 || id >= n1) continue;
    let x = (ticks[k]! * xPerTick + xOff) | 0;
    if (x >= width) x = width - 1;
    // the top of neuron id's band, measured from the top edge (bands cut by the view are clamped)
    let y = ((n1 - id - 1) * sy) | 0;
    if (y < 0) y = 0;
    else if (y >= height) y = height - 1;
    const c = palette[groupOf[id]!]!;
    if (markW === 1 && markH === 1) {
      const at = y * width + x;
      if (out[at] !== 0) continue;
      out[at] = c;
    } else {
      const xe = Math.min(width, x + markW);
      const ye = Math.min(height, y + markH);
      for (let yy = y; yy < ye; yy++) {
        const row = yy * width;
        for (let xx = x; xx < xe; xx++) out[row + xx] = c;
      }
    }
    drawn++;
  }
  return { inWindow: k1 - k0, drawn };
}

/**
 * Mark size (device pixels) for a zoom level: one CSS pixel (`pxRatio`
 * device pixels) each way, but two CSS pixels wide once a tick spans three
 * or more, and 80 % of the band high (up to 10 CSS pixels) once a neuron
 * band does.
 */
export function markSize(view: RasterView, width: number, height: number, dt: number, pxRatio = 1) {
  const base = Math.max(1, Math.round(pxRatio));
  const tickPx = (dt * width) / (view.t1 - view.t0);
  const bandPx = height / (view.n1 - view.n0);
  return {
    w: tickPx >= 3 * base ? 2 * base : base,
    h: bandPx >= 3 * base ? Math.min(10 * base, Math.floor(bandPx * 0.8)) : base,
  };
}
