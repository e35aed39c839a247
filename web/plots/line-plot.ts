/**
 * Time series plots (population rate, membrane potential): uPlot's aligned
 * mode, one line per series on a shared x axis, a static legend, drag to
 * zoom time, double-click to reset. The time window can follow the raster's.
 */
import uPlot from 'uplot';
import { axis, followWidth, widthOf } from './theme.ts';

export interface LineSeries {
  label: string;
  colour: string;
  values: ArrayLike<number>;
  width?: number;
  dash?: number[];
  /** Mark each value with a dot (a series of a few points, or of one). */
  points?: boolean;
}

/** A vertical line at x with a label at its top (e.g. a latency read off the curve). */
export interface Marker {
  x: number;
  label: string;
  colour: string;
}

export interface LinePlotOptions {
  height: number;
  xLabel: string;
  yLabel: string;
  /** Fixed y range; default: fitted to the data. */
  yRange?: [number, number];
  /** Fit the y range from zero up (rates, counts). */
  yFromZero?: boolean;
  /** Called when the user zooms time here. */
  onTimeWindow?: (min: number, max: number) => void;
  /** Draw as steps (binned rates) rather than lines. */
  stepped?: boolean;
}

export class LinePlot {
  private plot: uPlot | null = null;
  private signature = '';
  private xs: Float64Array = new Float64Array(0);
  private fullX: [number, number] = [0, 1];
  private following = false;
  private markers: Marker[] = [];
  private readonly resize: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly opts: LinePlotOptions,
  ) {
    this.resize = followWidth(container, () => this.plot, opts.height);
  }

  /** x values (ascending) and the series; `xRange` is the full window (default: the data's). */
  setData(xs: Float64Array, series: LineSeries[], xRange?: [number, number]): void {
    this.xs = xs;
    this.fullX = xRange ?? [xs[0] ?? 0, xs[xs.length - 1] ?? 1];
    const signature = series.map((s) => `${s.label}|${s.colour}`).join(';');
    const data = [xs, ...series.map((s) => s.values)] as unknown as uPlot.AlignedData;
    if (this.plot && signature === this.signature) {
      this.plot.batch(() => {
        this.plot!.setData(data, false);
        this.setTimeWindow(this.fullX[0], this.fullX[1]);
      });
      return;
    }
    this.plot?.destroy();
    this.signature = signature;
    this.plot = new uPlot(this.options(series), data, this.container);
    this.setTimeWindow(this.fullX[0], this.fullX[1]);
  }

  /** Vertical lines drawn over the series (until replaced). */
  setMarkers(markers: Marker[]): void {
    this.markers = markers;
    this.plot?.redraw(false);
  }

  /** Shows [min, max] of time without telling the listener (it came from there). */
  setTimeWindow(min: number, max: number): void {
    if (!this.plot) return;
    this.following = true;
    this.plot.setScale('x', { min, max });
    this.following = false;
  }

  clear(): void {
    this.plot?.destroy();
    this.plot = null;
    this.signature = '';
  }

  destroy(): void {
    this.resize.disconnect();
    this.clear();
  }

  private options(series: LineSeries[]): uPlot.Options {
    const stepped = this.opts.stepped ? uPlot.paths.stepped!({ align: 1 }) : undefined;
    return {
      width: widthOf(this.container),
      height: this.opts.height,
      padding: [8, 24, 0, 0],
      legend: { live: false },
      cursor: {
        drag: { x: true, y: false },
        points: { show: false },
        bind: {
          dblclick: () => () => {
            this.plot?.setScale('x', { min: this.fullX[0], max: this.fullX[1] });
            return null;
          },
        },
      },
      scales: {
        // the window is always set explicitly (setTimeWindow, drag, reset): take it as given
        x: { time: false, range: (_u, min, max) => [min, max] },
        y: this.opts.yRange
          ? { range: () => this.opts.yRange! }
          : {
              range: (_u, min, max) =>
                this.opts.yFromZero
                  ? [0, max > 0 ? uPlot.rangeNum(0, max, 0.1, true)[1] : 1]
                  : uPlot.rangeNum(min, max, 0.1, true),
            },
      },
      axes: [axis(this.opts.xLabel), axis(this.opts.yLabel, { size: 60 })],
      series: [
        { label: this.opts.xLabel },
        ...series.map(
          (s): uPlot.Series => ({
            label: s.label,
            stroke: s.colour,
            width: s.width ?? 1.25,
            ...(s.dash && { dash: s.dash }),
            points: { show: s.points ?? false, size: 7, fill: s.colour },
            ...(stepped && { paths: stepped }),
          }),
        ),
      ],
      hooks: {
        draw: [(u) => this.drawMarkers(u)],
        setScale: [
          (u, key) => {
            if (key === 'x' && !this.following)
              this.opts.onTimeWindow?.(u.scales.x!.min!, u.scales.x!.max!);
          },
        ],
      },
    };
  }

  private drawMarkers(u: uPlot): void {
    if (this.markers.length === 0) return;
    const ctx = u.ctx;
    const px = devicePixelRatio || 1;
    const { left, top, width, height } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.font = `${Math.round(11 * px)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
    ctx.lineWidth = px;
    ctx.setLineDash([4 * px, 3 * px]);
    const xs = this.markers.map((m) => Math.round(u.valToPos(m.x, 'x', true)) + 0.5);
    this.markers.forEach((m, i) => {
      ctx.strokeStyle = m.colour;
      ctx.beginPath();
      ctx.moveTo(xs[i]!, top);
      ctx.lineTo(xs[i]!, top + height);
      ctx.stroke();
    });
    // labels after every line, staggered near the bottom (a rising curve leaves that corner
    // free once it has settled), on a backing that keeps them legible over lines and grid
    ctx.textBaseline = 'bottom';
    this.markers.forEach((m, i) => {
      const w = ctx.measureText(m.label).width;
      const right = xs[i]! + w + 6 * px < left + width;
      const tx = xs[i]! + (right ? 4 : -4) * px;
      const y = top + height - (4 + 15 * (this.markers.length - 1 - i)) * px;
      ctx.textAlign = right ? 'left' : 'right';
      ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
      ctx.fillRect(right ? tx - 2 * px : tx - w - 2 * px, y - 13 * px, w + 4 * px, 14 * px);
      ctx.fillStyle = m.colour;
      ctx.fillText(m.label, tx, y);
    });
    ctx.restore();
  }

  /** The x values currently plotted (for tests and exports). */
  get x(): Float64Array {
    return this.xs;
  }
}
