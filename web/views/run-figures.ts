/**
 * The Simulate view's figures of one run: the spike raster (legend, cursor
 * readout, zoom buttons), the population rate and the membrane traces, their
 * time windows linked.
 */
import type { PageHooks } from '../page-hooks.ts';
import { LinePlot, type LineSeries } from '../plots/line-plot.ts';
import { RasterPlot } from '../plots/raster-plot.ts';
import { populationColour, shade } from '../plots/theme.ts';
import { fill, h, int, num } from '../ui/dom.ts';
import type { SimResult } from '../worker/result.ts';

function card(title: string, ...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card' }, h('h2', { text: title }), ...children);
}

export class RunFigures {
  /** The raster, population-rate and membrane-potential cards, in page order. */
  readonly cards: HTMLElement[];
  private readonly legend = h('ul', { class: 'legend', 'aria-label': 'Populations' });
  private readonly readout = h('span', { class: 'readout', 'aria-hidden': 'true' });
  private readonly rasterBox = h('div', {
    class: 'plot raster',
    'aria-label': 'Spike raster: arrow keys pan, + and − zoom time, 0 resets',
    role: 'region',
  });
  private readonly truncation = h('p', { class: 'note' });
  private readonly zoomButtons = h(
    'div',
    { class: 'toolbar', role: 'group', 'aria-label': 'Raster view' },
    h('button', { type: 'button', 'data-act': 'in', text: 'Zoom in' }),
    h('button', { type: 'button', 'data-act': 'out', text: 'Zoom out' }),
    h('button', { type: 'button', 'data-act': 'reset', text: 'Reset view' }),
  );
  private readonly rateBox = h('div', { class: 'plot' });
  private readonly rateNote = h('p', { class: 'note' });
  private readonly traceBox = h('div', { class: 'plot' });
  private shownPops: { label: string; offset: number; size: number }[] = [];
  // plots exist from the first result on (they need their box laid out to size themselves)
  private raster: RasterPlot | null = null;
  private rates: LinePlot | null = null;
  private traces: LinePlot | null = null;

  constructor(private readonly hooks: PageHooks) {
    this.cards = [
      h(
        'section',
        { class: 'card' },
        h(
          'div',
          { class: 'card-head' },
          h('h2', { text: 'Spike raster' }),
          this.legend,
          this.readout,
          this.zoomButtons,
        ),
        this.rasterBox,
        h('p', {
          class: 'hint',
          text: 'Drag a box to zoom · wheel zooms time (Shift: neurons) · Shift+drag pans · double-click or 0 resets · arrow keys pan when the raster has focus',
        }),
        this.truncation,
      ),
      card('Population rate', this.rateBox, this.rateNote),
      card('Membrane potential', this.traceBox),
    ];
  }

  /** Makes the plots, once: call when the cards are shown and laid out. */
  layOut(): void {
    if (this.raster) return;
    const follow = (min: number, max: number) => {
      this.rates?.setTimeWindow(min, max);
      this.traces?.setTimeWindow(min, max);
    };
    this.raster = new RasterPlot(this.rasterBox, {
      height: 380,
      onDraw: (s) => {
        this.hooks.raster.lastDraw = s;
        this.hooks.raster.draws++;
      },
      onTimeWindow: follow,
      onCursor: (t, n) => {
        const pop =
          n === null
            ? undefined
            : this.shownPops.find((p) => n >= p.offset && n < p.offset + p.size);
        this.readout.textContent =
          t === null || n === null || !pop
            ? ''
            : `${num(t, 4)} ms · neuron ${int(n)} (${pop.label} ${int(n - pop.offset)})`;
      },
    });
    const toRaster = (min: number, max: number) => this.raster?.setTimeWindow(min, max);
    this.rates = new LinePlot(this.rateBox, {
      height: 200,
      xLabel: 'time (ms)',
      yLabel: 'rate (Hz)',
      stepped: true,
      yFromZero: true,
      onTimeWindow: toRaster,
    });
    this.traces = new LinePlot(this.traceBox, {
      height: 220,
      xLabel: 'time (ms)',
      yLabel: 'v (mV)',
      onTimeWindow: toRaster,
    });
    this.zoomButtons.addEventListener('click', (e) => {
      const act = (e.target as HTMLElement).closest('button')?.dataset['act'];
      if (act === 'in') this.raster?.zoom(0.5);
      else if (act === 'out') this.raster?.zoom(2);
      else if (act === 'reset') this.raster?.resetView();
    });
  }

  /** Draws a run (after layOut); returns the time the raster took to draw it, in ms. */
  show(r: SimResult): number {
    const pops = r.populations.map((p, i) => ({
      ...p,
      colour: populationColour(i, p.kind !== 'neuron'),
    }));
    this.shownPops = pops;
    fill(
      this.legend,
      ...pops.map((p, i) =>
        h(
          'li',
          {},
          h('span', { class: 'swatch', style: `background:${p.colour}` }),
          `${p.label} (${int(p.size)}) ${num(r.summary.populations[i]!.meanRateHz)} Hz`,
        ),
      ),
    );
    this.truncation.textContent = r.spikes.truncated
      ? `The raster shows the first ${int(r.spikes.ids.length)} of ${int(r.spikes.total)} spikes (recording cap); all counts are exact.`
      : '';
    const durationMs = Math.max(r.summary.durationMs, r.dt);
    const t0 = performance.now();
    this.raster!.setData({
      ticks: r.spikes.ticks,
      ids: r.spikes.ids,
      dt: r.dt,
      durationMs,
      populations: pops,
    });
    const rasterSetDataMs = performance.now() - t0;

    const { binMs, bins, values } = r.rates;
    const binX = Float64Array.from({ length: bins }, (_, b) => b * binMs);
    this.rates!.setData(
      binX,
      pops.map(
        (p, i): LineSeries => ({
          label: p.label,
          colour: p.colour,
          values: values.subarray(i * bins, (i + 1) * bins),
        }),
      ),
      [0, durationMs],
    );
    this.rateNote.textContent = `Bins of ${num(binMs)} ms; rate = spikes in the bin ÷ population size ÷ bin width.`;

    const t = r.traces;
    const m = t.neurons.length;
    const tx = Float64Array.from({ length: t.samples }, (_, s) => s * t.intervalMs);
    const seen = new Map<number, number>();
    this.traces!.setData(
      tx,
      t.neurons.map((_, j): LineSeries => {
        const p = t.populations[j]!;
        const k = seen.get(p) ?? 0;
        seen.set(p, k + 1);
        const column = new Float32Array(t.samples);
        for (let s = 0; s < t.samples; s++) column[s] = t.values[s * m + j]!;
        return {
          label: t.labels[j]!,
          colour: shade(pops[p]!.colour, Math.min(0.6, 0.3 * k)),
          values: column,
        };
      }),
      [0, durationMs],
    );
    return rasterSetDataMs;
  }
}
