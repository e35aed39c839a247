/**
 * One look for every plot: colours by population (the first six are Okabe &
 * Ito 2008's colour-blind-safe palette, excitatory blue and inhibitory
 * vermillion as in most raster figures), axis fonts and grid.
 */
import type uPlot from 'uplot';

export const populationColours = [
  '#0072b2', // blue
  '#d55e00', // vermillion
  '#009e73', // bluish green
  '#e69f00', // orange
  '#cc79a7', // reddish purple
  '#56b4e9', // sky blue
  '#6a3d9a', // purple
  '#8c564b', // brown
] as const;

/** Colour of population p; spike sources are drawn in grey. */
export function populationColour(p: number, isSource = false): string {
  return isSource ? '#7a7a7a' : populationColours[p % populationColours.length]!;
}

/** A lighter shade of a #rrggbb colour (k = 0: itself, 1: white), for several lines of one population. */
export function shade(hex: string, k: number): string {
  const v = Number.parseInt(hex.slice(1), 16);
  const mix = (c: number) => Math.round(c + (255 - c) * k);
  const [r, g, b] = [mix(v >> 16), mix((v >> 8) & 0xff), mix(v & 0xff)];
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

export const font = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
export const labelFont = '600 12px system-ui, -apple-system, "Segoe UI", sans-serif';

/** An axis with the common look; `label` carries the unit, e.g. `time (ms)`. */
export function axis(label: string, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    label,
    font,
    labelFont,
    labelSize: 18,
    stroke: '#2b2b2b',
    grid: { stroke: '#e6e6e6', width: 1 },
    ticks: { stroke: '#c8c8c8', width: 1, size: 4 },
    ...extra,
  };
}

/** Width of the plot's container, for uPlot's `width` (uPlot needs pixels). */
export function widthOf(el: HTMLElement): number {
  return Math.max(200, Math.floor(el.getBoundingClientRect().width));
}

/** Keeps a plot as wide as its container (`plot()` may be null before the first data). */
export function followWidth(
  container: HTMLElement,
  plot: () => uPlot | null,
  height: number,
): ResizeObserver {
  const resize = new ResizeObserver(() => {
    const u = plot();
    const w = widthOf(container);
    if (u && w !== u.width) u.setSize({ width: w, height });
  });
  resize.observe(container);
  return resize;
}
