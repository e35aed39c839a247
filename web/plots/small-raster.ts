/**
 * A raster of a few dozen spike trains on a plain canvas: one row per
 * source, the neuron they drive on the top row in its own colour, time
 * along x. Small enough that the full raster plot's machinery (millions of
 * spikes, zoom) would be out of place.
 */
export interface SmallRaster {
  durationMs: number;
  rows: number;
  /** Input spikes: time (ms) and row. */
  t: ArrayLike<number>;
  row: ArrayLike<number>;
  /** The driven neuron's spikes (ms). */
  output: ArrayLike<number>;
  inputColour: string;
  outputColour: string;
}

export function drawSmallRaster(canvas: HTMLCanvasElement, r: SmallRaster): void {
  const ratio = devicePixelRatio || 1;
  const w = canvas.clientWidth || 300;
  const hgt = canvas.clientHeight || 120;
  canvas.width = Math.round(w * ratio);
  canvas.height = Math.round(hgt * ratio);
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, w, hgt);
  const left = 40;
  const rowH = (hgt - 18) / (r.rows + 2);
  const x = (t: number) => left + ((w - left - 4) * t) / r.durationMs;
  ctx.fillStyle = '#5f6368';
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillText('LIF', 2, rowH * 0.5 + 4);
  ctx.fillText('inputs', 2, rowH * (2 + r.rows / 2) + 4);
  ctx.fillStyle = r.outputColour;
  for (let i = 0; i < r.output.length; i++) ctx.fillRect(x(r.output[i]!) - 1, 1, 2, rowH - 1);
  ctx.fillStyle = r.inputColour;
  for (let i = 0; i < r.t.length; i++)
    ctx.fillRect(x(r.t[i]!) - 0.75, (r.row[i]! + 2) * rowH, 1.5, Math.max(1, rowH - 1));
  ctx.strokeStyle = '#dadce0';
  ctx.beginPath();
  ctx.moveTo(left, hgt - 16.5);
  ctx.lineTo(w - 4, hgt - 16.5);
  ctx.stroke();
  ctx.fillStyle = '#5f6368';
  for (const t of [0, r.durationMs / 2, r.durationMs]) {
    ctx.textAlign = t === 0 ? 'left' : t === r.durationMs ? 'right' : 'center';
    ctx.fillText(`${t} ms`, x(t), hgt - 4);
  }
  ctx.textAlign = 'left';
}
