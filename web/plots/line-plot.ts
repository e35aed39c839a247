/**
 * Time series plots (population rate, membrane potential): uPlot's aligned
 * mode, one line per series on a shared x axis, a static legend, drag to
 * zoom time, double-click to reset. The time window can follow the raster's.
 */
import uPlot from 'uplot';
import { axis, widthOf } from './theme.ts';

export interface LineSeries {
  label: string;
  colour: string;
  values: ArrayLike<number>;
  width?: number;
  dash?: number[];
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
  private readonly resize: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly opts: LinePlotOptions,
  ) {
    this.resize = new ResizeObserver(() => {
      const w = widthOf(container);
      if (this.plot && w !== this.plot.width)
        this.plot.setSize({ width: w, height: this.opts.height });
    });
    this.resize.observe(container);
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
            points: { show: false },
            ...(stepped && { paths: stepped }),
          }),
        ),
      ],
      hooks: {
        setScale: [
          (u, key) => {
            if (key === 'x' && !this.following)
              this.opts.onTimeWindow?.(u.scales.x!.min!, u.scales.x!.max!);
          },
        ],
      },
    };
  }

  /** The x values currently plotted (for tests and exports). */
  get x(): Float64Array {
    return this.xs;
  }
}
