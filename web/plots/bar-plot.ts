/**
 * Bars by category (energy per platform, operations per paradigm, layer
 * means): uPlot's aligned mode with its bars path builder, one series per
 * bar of a group, a colour per bar, the value written above it. A category
 * a series has no value for (a platform the network cannot be mapped onto,
 * an unpriced one) gets its reason written in the bar's place instead of a
 * bar of zero. The y axis turns logarithmic when the values span two decades
 * or more.
 */
import uPlot from 'uplot';
import { axis, followWidth, widthOf } from './theme.ts';

export interface BarSeries {
  label: string;
  /** One colour for the series, or one per category. */
  colour: string | readonly string[];
  /** One per category; null: no bar (see `missing`). */
  values: readonly (number | null)[];
  /** Written where a value is null (e.g. "not mappable"). */
  missing?: readonly (string | null)[];
  /** Written before a value (e.g. "≥" for a lower bound). */
  prefix?: readonly (string | null)[];
}

export interface BarPlotOptions {
  height: number;
  yLabel: string;
  /** Value labels and axis ticks. */
  format: (v: number) => string;
  /** Logarithmic y: always, never, or when the positive values span ≥ 100× (default). */
  log?: boolean | 'auto';
}

const GROUP_WIDTH = 0.76; // of a category's slot
const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", sans-serif';
const MUTED = '#5f6368';

interface Rect {
  x: number;
  y: number;
  w: number;
}

/** True when the positive values span at least two decades. */
export function wantsLog(values: readonly (number | null)[]): boolean {
  const pos = values.filter((v): v is number => v !== null && v > 0);
  return pos.length > 1 && Math.max(...pos) / Math.min(...pos) >= 100;
}

/**
 * Whole decades around the positive values (at least one), the smallest
 * value at least 0.3 decades above the floor so that its bar shows.
 */
export function decadeRange(values: readonly (number | null)[]): [number, number] {
  const pos = values.filter((v): v is number => v !== null && v > 0);
  if (pos.length === 0) return [1, 10];
  const lo = Math.floor(Math.log10(Math.min(...pos)) - 0.3);
  const hi = Math.ceil(Math.log10(Math.max(...pos)) + 1e-9);
  return [10 ** lo, 10 ** Math.max(hi, lo + 1)];
}

export class BarPlot {
  private plot: uPlot | null = null;
  private categories: string[] = [];
  private series: BarSeries[] = [];
  private log = false;
  /** Bar rectangles of the last draw, per series and category (canvas pixels). */
  private rects: (Rect | null)[][] = [];
  private readonly resize: ResizeObserver;

  constructor(
    private readonly container: HTMLElement,
    private readonly opts: BarPlotOptions,
  ) {
    this.resize = followWidth(container, () => this.plot, opts.height);
  }

  setData(categories: string[], series: BarSeries[]): void {
    this.categories = categories;
    this.series = series;
    const all = series.flatMap((s) => s.values);
    this.log =
      this.opts.log === 'auto' || this.opts.log === undefined ? wantsLog(all) : this.opts.log;
    this.container.dataset['yScale'] = this.log ? 'log' : 'linear';
    const xs = categories.map((_, i) => i);
    // uPlot draws no bar for null; on a log axis, neither for 0
    const ys = series.map((s) =>
      s.values.map((v) => (v === null || (this.log && v <= 0) ? null : v)),
    );
    this.plot?.destroy();
    this.rects = series.map(() => categories.map(() => null));
    this.plot = new uPlot(this.options(all), [xs, ...ys] as uPlot.AlignedData, this.container);
  }

  destroy(): void {
    this.resize.disconnect();
    this.plot?.destroy();
    this.plot = null;
  }

  /** Whether the y axis is logarithmic (for tests and captions). */
  get logarithmic(): boolean {
    return this.log;
  }

  private options(all: (number | null)[]): uPlot.Options {
    const n = this.categories.length;
    const m = this.series.length;
    const width = GROUP_WIDTH / m;
    const finite = all.filter((v): v is number => v !== null);
    const yMax = Math.max(0, ...finite);
    const yMin = Math.min(0, ...finite);
    const fmt = this.opts.format;
    return {
      width: widthOf(this.container),
      height: this.opts.height,
      padding: [18, 16, 0, 0],
      legend: { show: false },
      cursor: { show: false, drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: () => [-0.5, n - 0.5] },
        y: this.log
          ? { distr: 3, log: 10, range: () => decadeRange(all) }
          : {
              range: () => {
                const [lo, hi] = uPlot.rangeNum(yMin, yMax || 1, 0.1, true);
                return [yMin < 0 ? lo : 0, hi];
              },
            },
      },
      axes: [
        axis('', {
          splits: () => this.categories.map((_, i) => i),
          values: () => this.categories,
          grid: { show: false },
          size: 44,
          labelSize: 0,
        }),
        axis(this.opts.yLabel, {
          size: 72,
          // filtered-out splits arrive as null
          values: (_u, splits) => splits.map((v) => (v === null ? '' : v === 0 ? '0' : fmt(v))),
          ...(this.log && { splits: (u: uPlot) => decades(u), filter: (_u, splits) => splits }),
        }),
      ],
      series: [
        {},
        ...this.series.map(
          (s, k): uPlot.Series => ({
            label: s.label,
            width: 0,
            fill: typeof s.colour === 'string' ? s.colour : (s.colour[0] ?? '#888'),
            points: { show: false },
            paths: uPlot.paths.bars!({
              disp: {
                x0: {
                  unit: 1,
                  values: () => this.categories.map((_, i) => i - GROUP_WIDTH / 2 + k * width),
                },
                size: { unit: 1, values: () => this.categories.map(() => width * 0.92) },
                fill: {
                  unit: 3,
                  values: () =>
                    this.categories.map((_, i) =>
                      typeof s.colour === 'string' ? s.colour : (s.colour[i] ?? '#888'),
                    ),
                },
              },
              each: (_u, _si, i, x, y, w) => {
                this.rects[k]![i] = { x, y, w };
              },
            } as uPlot.Series.BarsPathBuilderOpts),
          }),
        ),
      ],
      hooks: {
        draw: [(u) => this.writeLabels(u, width)],
      },
    };
  }

  /** Values above the bars; reasons where a series has no bar. */
  private writeLabels(u: uPlot, width: number): void {
    const ctx = u.ctx;
    const px = devicePixelRatio || 1;
    ctx.save();
    ctx.font = LABEL_FONT.replace('11px', `${Math.round(11 * px)}px`);
    ctx.textAlign = 'center';
    this.series.forEach((s, k) => {
      s.values.forEach((v, i) => {
        const r = this.rects[k]![i];
        const centre = u.valToPos(i - GROUP_WIDTH / 2 + (k + 0.46) * width, 'x', true);
        if (v !== null && r && !(this.log && v <= 0)) {
          ctx.fillStyle = '#2b2b2b';
          ctx.textBaseline = 'bottom';
          ctx.fillText(`${s.prefix?.[i] ?? ''}${this.opts.format(v)}`, centre, r.y - 2 * px);
          return;
        }
        const text = v === null ? (s.missing?.[i] ?? 'no value') : this.opts.format(v);
        ctx.fillStyle = MUTED;
        ctx.textBaseline = 'bottom';
        const lines = text.split(' ');
        const bottom = u.bbox.top + u.bbox.height - 4 * px;
        lines.reverse().forEach((line, j) => {
          ctx.fillText(line, centre, bottom - j * 13 * px);
        });
      });
    });
    ctx.restore();
  }
}

/** Powers of ten within the scale (every decade, or every other beyond eight). */
function decades(u: uPlot): number[] {
  const lo = Math.round(Math.log10(u.scales.y!.min!));
  const hi = Math.round(Math.log10(u.scales.y!.max!));
  const step = hi - lo > 8 ? 2 : 1;
  const out: number[] = [];
  for (let e = lo; e <= hi; e += step) out.push(10 ** e);
  return out;
}
