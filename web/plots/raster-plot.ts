/**
 * The spike raster: uPlot for axes, scales, selection zoom and cursor; the
 * spikes themselves drawn by rasterise() into an ImageData the size of the
 * plot box (device pixels), composited in one drawImage. uPlot never sees
 * the spikes: scale ranges are fixed (no data scans) and the series'
 * `paths` draws and returns null, so every redraw re-rasterises the view.
 *
 * Interaction: drag selects a box to zoom into, the wheel zooms time around
 * the cursor (Shift + wheel: neurons), Shift + drag pans, double-click
 * resets; with the plot focused, arrow keys pan, + and − zoom, 0 resets.
 */
import uPlot from 'uplot';
import {
  markSize,
  packColour,
  type RasterSpikes,
  type RasterView,
  rasterise,
} from './raster-image.ts';
import { axis, followWidth, widthOf } from './theme.ts';

export interface RasterPopulation {
  label: string;
  offset: number;
  size: number;
  colour: string;
}

export interface RasterInput {
  ticks: Uint32Array;
  ids: Uint32Array;
  dt: number;
  /** Simulated time shown at full zoom (ms). */
  durationMs: number;
  populations: RasterPopulation[];
}

export interface DrawStats {
  /** Time inside the series' draw: rasterise + composite (ms). */
  drawMs: number;
  inWindow: number;
  drawn: number;
}

export interface RasterPlotOptions {
  height: number;
  /** Called after each redraw with its cost. */
  onDraw?: (s: DrawStats) => void;
  /** Called when the time window changes (zoom, pan, reset), to follow it elsewhere. */
  onTimeWindow?: (min: number, max: number) => void;
  /** The time (ms) and neuron id under the pointer, or nulls when it leaves the plot. */
  onCursor?: (timeMs: number | null, neuron: number | null) => void;
}

export class RasterPlot {
  readonly uplot: uPlot;
  private spikes: RasterSpikes | null = null;
  private input: RasterInput | null = null;
  private image: ImageData | null = null;
  private scratch: HTMLCanvasElement | OffscreenCanvas | null = null;
  private full: RasterView = { t0: 0, t1: 1, n0: 0, n1: 1 };
  lastDraw: DrawStats = { drawMs: 0, inWindow: 0, drawn: 0 };
  private readonly resize: ResizeObserver;

  constructor(
    container: HTMLElement,
    private readonly opts: RasterPlotOptions,
  ) {
    const series: uPlot.Series = {
      label: 'spikes',
      facets: [
        { scale: 'x', auto: false },
        { scale: 'y', auto: false },
      ],
      points: { show: false },
      paths: (u: uPlot) => {
        this.draw(u);
        return null;
      },
    } as uPlot.Series;
    const options = {
      mode: 2,
      width: widthOf(container),
      height: opts.height,
      legend: { show: false },
      padding: [8, 24, 0, 0],
      cursor: {
        drag: { x: true, y: true, uni: 12 },
        points: { show: false },
        bind: {
          dblclick: () => () => {
            this.resetView();
            return null;
          },
          mousedown:
            (u: uPlot, _t: HTMLElement, handler: (e: MouseEvent) => null) => (e: MouseEvent) => {
              if (e.shiftKey) this.startPan(u, e);
              else handler(e);
              return null;
            },
        },
      },
      scales: {
        x: { time: false, range: () => [this.full.t0, this.full.t1] },
        y: { range: () => [this.full.n0, this.full.n1] },
      },
      axes: [axis('time (ms)'), axis('neuron', { size: 60 })],
      series: [{}, series],
      hooks: {
        setScale: [
          (u: uPlot, key: string) => {
            if (key === 'x') this.opts.onTimeWindow?.(u.scales.x!.min!, u.scales.x!.max!);
          },
        ],
        draw: [(u: uPlot) => this.drawBoundaries(u)],
        setCursor: [
          (u: uPlot) => {
            const { left, top } = u.cursor;
            if (left === undefined || top === undefined || left < 0 || !this.input) {
              this.opts.onCursor?.(null, null);
              return;
            }
            this.opts.onCursor?.(u.posToVal(left, 'x'), Math.floor(u.posToVal(top, 'y')));
          },
        ],
      },
    } as unknown as uPlot.Options;
    this.uplot = new uPlot(options, [null, [[0], [0]]] as unknown as uPlot.AlignedData, container);
    const over = this.uplot.over;
    over.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    container.tabIndex = 0;
    container.addEventListener('keydown', (e) => this.onKey(e));
    this.resize = followWidth(container, () => this.uplot, opts.height);
  }

  /** Shows new spikes at full zoom; synchronous: the canvas is drawn when it returns. */
  setData(input: RasterInput): void {
    const n = input.populations.reduce((m, p) => Math.max(m, p.offset + p.size), 0);
    const groupOf = new Uint8Array(n);
    input.populations.forEach((p, i) => {
      groupOf.fill(i % 256, p.offset, p.offset + p.size);
    });
    this.input = input;
    this.spikes = {
      ticks: input.ticks,
      ids: input.ids,
      dt: input.dt,
      groupOf,
      palette: Uint32Array.from(input.populations, (p) => packColour(p.colour)),
    };
    this.full = { t0: 0, t1: Math.max(input.durationMs, input.dt), n0: 0, n1: Math.max(1, n) };
    this.uplot.batch(() => {
      this.uplot.setData([null, [[0], [0]]] as unknown as uPlot.AlignedData, false);
      this.setView(this.full);
    });
  }

  /** The visible window (ms × neuron ids). */
  get view(): RasterView {
    const { x, y } = this.uplot.scales;
    return { t0: x!.min!, t1: x!.max!, n0: y!.min!, n1: y!.max! };
  }

  /** Sets the window, clamped to the data; redraws synchronously. */
  setView(v: RasterView): void {
    const f = this.full;
    const minSpan = Math.max(10 * (this.input?.dt ?? 0.1), 1e-6);
    const clamp = (a: number, b: number, lo: number, hi: number, min: number): [number, number] => {
      let span = Math.min(Math.max(b - a, min), hi - lo);
      let start = Math.min(Math.max(a, lo), hi - span);
      if (!Number.isFinite(start)) start = lo;
      if (!Number.isFinite(span)) span = hi - lo;
      return [start, start + span];
    };
    const [t0, t1] = clamp(v.t0, v.t1, f.t0, f.t1, minSpan);
    const [n0, n1] = clamp(v.n0, v.n1, f.n0, f.n1, Math.min(5, f.n1 - f.n0));
    this.uplot.batch(() => {
      this.uplot.setScale('x', { min: t0, max: t1 });
      this.uplot.setScale('y', { min: n0, max: n1 });
    });
  }

  /** Follows a time window chosen elsewhere (the rate plot), keeping the neuron range. */
  setTimeWindow(min: number, max: number): void {
    const v = this.view;
    if (Math.abs(v.t0 - min) < 1e-9 && Math.abs(v.t1 - max) < 1e-9) return;
    this.setView({ ...v, t0: min, t1: max });
  }

  resetView(): void {
    this.setView(this.full);
  }

  /** Zooms by `factor` (< 1 in) around a point given as fractions of the plot box. */
  zoom(factor: number, axis: 'x' | 'y' | 'both' = 'x', fx = 0.5, fy = 0.5): void {
    const v = this.view;
    const next = { ...v };
    if (axis !== 'y') {
      const at = v.t0 + fx * (v.t1 - v.t0);
      next.t0 = at - (at - v.t0) * factor;
      next.t1 = at + (v.t1 - at) * factor;
    }
    if (axis !== 'x') {
      const at = v.n1 - fy * (v.n1 - v.n0);
      next.n0 = at - (at - v.n0) * factor;
      next.n1 = at + (v.n1 - at) * factor;
    }
    this.setView(next);
  }

  /** Pans by fractions of the visible window (positive: later times, higher ids). */
  pan(fx: number, fy: number): void {
    const v = this.view;
    const dx = fx * (v.t1 - v.t0);
    const dy = fy * (v.n1 - v.n0);
    this.setView({ t0: v.t0 + dx, t1: v.t1 + dx, n0: v.n0 + dy, n1: v.n1 + dy });
  }

  destroy(): void {
    this.resize.disconnect();
    this.uplot.destroy();
  }

  private draw(u: uPlot): void {
    const t0 = performance.now();
    const s = this.spikes;
    const { left, top, width, height } = u.bbox;
    const w = Math.round(width);
    const h = Math.round(height);
    if (!s || w <= 0 || h <= 0) return;
    if (!this.image || this.image.width !== w || this.image.height !== h) {
      this.image = new ImageData(w, h);
      this.scratch =
        typeof OffscreenCanvas === 'undefined'
          ? Object.assign(document.createElement('canvas'), { width: w, height: h })
          : new OffscreenCanvas(w, h);
    }
    const px = new Uint32Array(this.image.data.buffer);
    px.fill(0);
    const view = this.view;
    const mark = markSize(view, w, h, s.dt, uPlot.pxRatio);
    const r = rasterise(s, view, w, h, px, mark.w, mark.h);
    const sctx = this.scratch!.getContext('2d') as
      | CanvasRenderingContext2D
      | OffscreenCanvasRenderingContext2D;
    sctx.putImageData(this.image, 0, 0);
    u.ctx.drawImage(this.scratch!, Math.round(left), Math.round(top));
    this.lastDraw = { drawMs: performance.now() - t0, inWindow: r.inWindow, drawn: r.drawn };
    this.opts.onDraw?.(this.lastDraw);
  }

  /** Thin lines between populations, so a researcher sees where exc ends and inh begins. */
  private drawBoundaries(u: uPlot): void {
    const pops = this.input?.populations ?? [];
    const ctx = u.ctx;
    const { left, width } = u.bbox;
    ctx.save();
    ctx.strokeStyle = 'rgba(0, 0, 0, 0.35)';
    ctx.lineWidth = 1;
    ctx.setLineDash([4, 3]);
    for (const p of pops.slice(1)) {
      if (p.offset <= u.scales.y!.min! || p.offset >= u.scales.y!.max!) continue;
      const y = Math.round(u.valToPos(p.offset, 'y', true)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(left, y);
      ctx.lineTo(left + width, y);
      ctx.stroke();
    }
    ctx.restore();
  }

  private onWheel(e: WheelEvent): void {
    if (!this.spikes) return;
    e.preventDefault();
    const rect = this.uplot.over.getBoundingClientRect();
    const fx = (e.clientX - rect.left) / rect.width;
    const fy = (e.clientY - rect.top) / rect.height;
    const factor = Math.exp(Math.max(-1, Math.min(1, e.deltaY * 0.002)));
    this.zoom(factor, e.shiftKey ? 'y' : 'x', fx, fy);
  }

  private onKey(e: KeyboardEvent): void {
    const steps: Record<string, () => void> = {
      ArrowLeft: () => this.pan(-0.2, 0),
      ArrowRight: () => this.pan(0.2, 0),
      ArrowUp: () => this.pan(0, 0.2),
      ArrowDown: () => this.pan(0, -0.2),
      '+': () => this.zoom(0.5, e.shiftKey ? 'both' : 'x'),
      '=': () => this.zoom(0.5, 'x'),
      '-': () => this.zoom(2, 'x'),
      '0': () => this.resetView(),
    };
    const act = steps[e.key];
    if (act && this.spikes) {
      e.preventDefault();
      act();
    }
  }

  private startPan(u: uPlot, e: MouseEvent): void {
    const start = this.view;
    const rect = u.over.getBoundingClientRect();
    const x0 = e.clientX;
    const y0 = e.clientY;
    const move = (m: MouseEvent) => {
      const dx = ((m.clientX - x0) / rect.width) * (start.t1 - start.t0);
      const dy = ((m.clientY - y0) / rect.height) * (start.n1 - start.n0);
      this.setView({ t0: start.t0 - dx, t1: start.t1 - dx, n0: start.n0 + dy, n1: start.n1 + dy });
    };
    const up = () => {
      window.removeEventListener('mousemove', move);
      window.removeEventListener('mouseup', up);
    };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  }
}
