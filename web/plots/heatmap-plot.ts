/**
 * A scalar field on a square grid (a classifier's P(class 1) over the input
 * plane), drawn as a colour image under uPlot's axes, with its 0.5 level
 * line and labelled points on top.
 */
import uPlot from 'uplot';
import { contour } from './contour.ts';
import { axis, widthOf } from './theme.ts';

export interface HeatmapInput {
  /** grid × grid values in [0, 1] at cell centres, row-major, row 0 at the top (y near hi). */
  values: Float32Array;
  grid: number;
  lo: number;
  hi: number;
  /** Points to mark: coordinates (x, y pairs) and their class (0 or 1). */
  points: { xy: ArrayLike<number>; label: ArrayLike<number> };
}

export interface HeatmapOptions {
  size: number;
  xLabel: string;
  yLabel: string;
  /** Colours of class 0 and class 1 (#rrggbb). */
  colours: [string, string];
}

function rgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [v >> 16, (v >> 8) & 0xff, v & 0xff];
}

export class HeatmapPlot {
  readonly uplot: uPlot;
  private input: HeatmapInput | null = null;
  private image: HTMLCanvasElement | null = null;

  constructor(
    container: HTMLElement,
    private readonly opts: HeatmapOptions,
  ) {
    const range = (): uPlot.Range.MinMax => [this.input?.lo ?? 0, this.input?.hi ?? 1];
    const series = {
      facets: [
        { scale: 'x', auto: false },
        { scale: 'y', auto: false },
      ],
      points: { show: false },
      paths: (u: uPlot) => {
        this.drawImage(u);
        return null;
      },
    };
    const options = {
      mode: 2,
      width: Math.min(opts.size, widthOf(container)),
      height: opts.size,
      legend: { show: false },
      cursor: { show: false },
      padding: [8, 16, 0, 0],
      scales: { x: { time: false, range }, y: { range } },
      axes: [axis(opts.xLabel), axis(opts.yLabel, { size: 44 })],
      series: [{}, series],
      hooks: { draw: [(u: uPlot) => this.drawOverlay(u)] },
    } as unknown as uPlot.Options;
    this.uplot = new uPlot(options, [null, [[0], [0]]] as unknown as uPlot.AlignedData, container);
  }

  setData(input: HeatmapInput): void {
    this.input = input;
    const { grid, values } = input;
    const canvas = Object.assign(document.createElement('canvas'), { width: grid, height: grid });
    const img = new ImageData(grid, grid);
    const [c0, c1] = this.opts.colours.map(rgb) as [
      [number, number, number],
      [number, number, number],
    ];
    for (let i = 0; i < grid * grid; i++) {
      const p = values[i]!;
      // white at 0.5, towards the class colour with confidence (at most 65 %, so points stay visible)
      const k = Math.min(1, Math.abs(p - 0.5) * 2) * 0.65;
      const c = p >= 0.5 ? c1 : c0;
      for (let j = 0; j < 3; j++) img.data[4 * i + j] = Math.round(255 + (c[j]! - 255) * k);
      img.data[4 * i + 3] = 255;
    }
    canvas.getContext('2d')!.putImageData(img, 0, 0);
    this.image = canvas;
    this.uplot.batch(() => {
      this.uplot.setScale('x', { min: input.lo, max: input.hi });
      this.uplot.setScale('y', { min: input.lo, max: input.hi });
    });
    this.uplot.redraw(false);
  }

  private drawImage(u: uPlot): void {
    if (!this.image) return;
    const { left, top, width, height } = u.bbox;
    u.ctx.imageSmoothingEnabled = true;
    u.ctx.drawImage(this.image, left, top, width, height);
  }

  private drawOverlay(u: uPlot): void {
    const d = this.input;
    if (!d) return;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const px = uPlot.pxRatio;
    // contour coordinates are cell indices; cell c's centre is (c + ½)/grid of the box
    const sx = width / d.grid;
    const sy = height / d.grid;
    const segs = contour(d.values, d.grid, d.grid, 0.5);
    ctx.save();
    ctx.beginPath();
    for (let i = 0; i < segs.length; i += 4) {
      ctx.moveTo(left + (segs[i]! + 0.5) * sx, top + (segs[i + 1]! + 0.5) * sy);
      ctx.lineTo(left + (segs[i + 2]! + 0.5) * sx, top + (segs[i + 3]! + 0.5) * sy);
    }
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 2 * px;
    ctx.stroke();
    const n = d.points.label.length;
    for (let k = 0; k < n; k++) {
      const x = u.valToPos(d.points.xy[2 * k]!, 'x', true);
      const y = u.valToPos(d.points.xy[2 * k + 1]!, 'y', true);
      ctx.beginPath();
      ctx.arc(x, y, 7 * px, 0, 2 * Math.PI);
      ctx.fillStyle = this.opts.colours[d.points.label[k]! === 1 ? 1 : 0];
      ctx.fill();
      ctx.lineWidth = 2 * px;
      ctx.strokeStyle = '#111';
      ctx.stroke();
    }
    ctx.restore();
  }
}
