/**
 * The Lecture view's universal approximation: pick a target on [0, 1] (or
 * draw one), a width N, and watch one hidden layer of sigmoid units train in
 * the worker; every finished run adds its maximum error to the error-vs-N
 * plot of that target. The page draws the progress the worker sends.
 */
import type { PageHooks } from '../page-hooks.ts';
import { LinePlot, type LineSeries } from '../plots/line-plot.ts';
import { populationColours } from '../plots/theme.ts';
import { Comlink, simWorker } from '../sim-client.ts';
import { h, int, num } from '../ui/dom.ts';
import { select } from '../ui/form.ts';
import { runProgress } from '../ui/run-progress.ts';
import type {
  ApproximationProgress,
  ApproximationResult,
  Target,
} from '../worker/lecture/approximation.ts';
import { fieldMessage } from './lecture-messages.ts';

const PAD_W = 360;
const PAD_H = 180;
const Y_LO = -1.5;
const Y_HI = 1.5;
const SWEEP = [1, 2, 4, 8, 16, 32];

/** A canvas to draw a function on with the mouse: points (x in [0, 1], y in [−1.5, 1.5]). */
function drawPad(onChange: () => void): {
  el: HTMLCanvasElement;
  points: () => [number, number][];
  clear: () => void;
} {
  const el = h('canvas', {
    class: 'draw-pad',
    width: PAD_W,
    height: PAD_H,
    'aria-label': 'Draw a target function',
  });
  const ctx = el.getContext('2d')!;
  let pts: [number, number][] = [];
  let down = false;
  const paint = () => {
    ctx.clearRect(0, 0, PAD_W, PAD_H);
    ctx.strokeStyle = '#dadce0';
    ctx.beginPath();
    ctx.moveTo(0, PAD_H / 2);
    ctx.lineTo(PAD_W, PAD_H / 2);
    ctx.stroke();
    ctx.strokeStyle = populationColours[1];
    ctx.lineWidth = 2;
    ctx.beginPath();
    const sorted = [...pts].sort((a, b) => a[0] - b[0]);
    sorted.forEach(([x, y], i) => {
      const px = x * PAD_W;
      const py = ((Y_HI - y) / (Y_HI - Y_LO)) * PAD_H;
      if (i === 0) ctx.moveTo(px, py);
      else ctx.lineTo(px, py);
    });
    ctx.stroke();
  };
  const add = (e: PointerEvent) => {
    const r = el.getBoundingClientRect();
    const x = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
    const y = Y_HI - ((e.clientY - r.top) / r.height) * (Y_HI - Y_LO);
    pts.push([x, Math.min(Y_HI, Math.max(Y_LO, y))]);
    paint();
  };
  el.addEventListener('pointerdown', (e) => {
    down = true;
    pts = [];
    el.setPointerCapture(e.pointerId);
    add(e);
  });
  el.addEventListener('pointermove', (e) => {
    if (down) add(e);
  });
  el.addEventListener('pointerup', () => {
    down = false;
    onChange();
  });
  paint();
  return {
    el,
    points: () => pts,
    clear: () => {
      pts = [];
      paint();
    },
  };
}

export function mountApproximationSection(hooks: PageHooks): HTMLElement {
  const api = simWorker();
  const target = select(
    'ua-target',
    [
      ['sine', 'sin 2πx'],
      ['step', 'step at ½'],
      ['abs', '|x − ½|'],
      ['drawn', 'drawn with the mouse'],
    ],
    'sine',
  );
  const width = h('input', {
    id: 'ua-width',
    type: 'text',
    inputmode: 'numeric',
    value: '8',
    size: 4,
  });
  const widthError = h('small', { class: 'error', id: 'ua-width-error' });
  const targetError = h('small', { class: 'error', id: 'ua-target-error' });
  const train = h('button', { type: 'submit', class: 'primary', text: 'Train' });
  const sweep = h('button', { type: 'button', text: `Sweep N = ${SWEEP.join(', ')}` });
  const clearPad = h('button', { type: 'button', text: 'Clear drawing' });
  const status = h('p', {
    class: 'status',
    role: 'status',
    id: 'ua-status',
    text: 'Press Train to fit one width, or Sweep to see the error fall as N grows.',
  });
  // each drawing is a new target: its errors are not comparable with an earlier drawing's
  let drawing = 0;
  const keyOf = (kind: string) => (kind === 'drawn' ? `drawn ${drawing}` : kind);
  const pad = drawPad(() => {
    drawing++;
    target.value = 'drawn';
    shownTarget = keyOf('drawn');
    drawErrors();
  });
  const fitBox = h('div', { class: 'plot' });
  const errBox = h('div', { class: 'plot' });
  const form = h(
    'form',
    { class: 'inline-form', 'aria-label': 'Universal approximation' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ua-target', text: 'Target' }),
      target,
      targetError,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ua-width', text: 'Hidden sigmoid units N' }),
      width,
      widthError,
    ),
    train,
    sweep,
    clearPad,
  );
  const section = h(
    'section',
    { class: 'card ua-card' },
    h('h2', { text: 'Universal approximation' }),
    h('p', {
      class: 'lead',
      text: 'One hidden layer of N sigmoid units can approximate any continuous function on [0, 1] as closely as asked, for N large enough. Here the rate engine trains such a network (full-batch Adam, 3,000 epochs, 200 points) in the worker. The maximum error over 1,001 points falls as N grows, though with a fixed training budget a wide layer may stop short of its best fit (Sweep shows where); a jump cannot be matched by a continuous function, so the step keeps a maximum error of ½ at x = ½ however wide the layer.',
    }),
    form,
    status,
    h(
      'div',
      { class: 'pair' },
      h('figure', {}, h('h3', { text: 'Target and network' }), fitBox),
      h('figure', {}, h('h3', { text: 'Maximum error against N (this target)' }), errBox),
    ),
    h(
      'figure',
      {},
      h('h3', { text: 'Draw a target (choose “drawn”): drag across the box' }),
      pad.el,
    ),
  );
  // fixed per target (set in place, the plot reads it at each draw): a moving y axis would
  // lay the plot out again at every progress report
  const fitRange: [number, number] = [-1.5, 1.5];
  const fitPlot = new LinePlot(fitBox, { height: 240, xLabel: 'x', yLabel: '', yRange: fitRange });
  const errPlot = new LinePlot(errBox, {
    height: 240,
    xLabel: 'log₂ N',
    yLabel: 'max error',
    yFromZero: true,
  });
  let finished: { target: string; width: number; maxError: number }[] = [];
  let shownTarget = 'sine';

  // the fit's two series: wide and pale under the network, so a close fit leaves the target visible at its edges
  const fitSeries = (targetY: ArrayLike<number>, y: ArrayLike<number>): LineSeries[] => [
    { label: 'target', colour: '#b8bcc2', values: targetY, width: 6 },
    { label: 'network', colour: populationColours[0], values: y, width: 2 },
  ];
  const errSeries = (values: ArrayLike<number>): LineSeries[] => [
    { label: 'max error', colour: populationColours[1], values, width: 2, points: true },
  ];

  const draw = (x: Float32Array, targetY: Float32Array, y: Float32Array) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of targetY) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const pad = Math.max(0.25, 0.25 * (hi - lo));
    fitRange[0] = lo - pad;
    fitRange[1] = hi + pad;
    fitPlot.setData(Float64Array.from(x), fitSeries(targetY, y));
  };

  // progress is shown at most once a frame, the newest report only: the fit and the status
  // line change together, and the reports between two frames cost the page nothing
  let pending: { p: ApproximationProgress; n: number } | null = null;
  const drawSoon = (p: ApproximationProgress, n: number) => {
    if (pending === null)
      requestAnimationFrame(() => {
        if (pending) {
          const { p, n } = pending;
          status.textContent = `Training N = ${n}: epoch ${int(p.epoch)} of ${int(p.epochs)} · max error ${num(p.maxError)}`;
          draw(p.x, p.targetY, p.y);
        }
        pending = null;
      });
    pending = { p, n };
  };

  const drawErrors = () => {
    const rows = finished.filter((f) => f.target === shownTarget).sort((a, b) => a.width - b.width);
    // an empty target keeps its (empty) plot: rebuilding a plot lays the page out again
    if (rows.length === 0)
      return errPlot.setData(new Float64Array(0), errSeries([]), [0, Math.log2(SWEEP.at(-1)!)]);
    errPlot.setData(
      Float64Array.from(rows, (r) => Math.log2(r.width)),
      errSeries(rows.map((r) => r.maxError)),
      rows.length === 1
        ? [Math.log2(rows[0]!.width) - 1, Math.log2(rows[0]!.width) + 1]
        : undefined,
    );
  };

  // both plots are built once, empty, when the section is in the page: a training run
  // only hands them new data, and never adds a plot's elements to the page while it runs
  queueMicrotask(() => {
    fitPlot.setData(new Float64Array(0), fitSeries([], []), [0, 1]);
    drawErrors();
  });

  const runOne = async (n: number): Promise<ApproximationResult | null> => {
    const kind = target.value as Target;
    const request = { target: kind, width: n, ...(kind === 'drawn' && { points: pad.points() }) };
    const onProgress = (p: ApproximationProgress) => {
      drawSoon(p, n);
      hooks.lessons.approximation = {
        target: kind,
        width: n,
        epochs: p.epoch,
        maxError: p.maxError,
        done: false,
        resultAt: null,
        finished,
      };
    };
    status.textContent = `Training N = ${n}…`;
    const t0 = performance.now();
    const gate = runProgress(onProgress);
    const r = await api.approximate(request, Comlink.proxy(gate.report)).finally(gate.end);
    if (!r.ok) {
      const m = r.error.message;
      fieldMessage(
        hooks,
        /approximation\.(width)/.test(m)
          ? widthError
          : /approximation\.(points|target)/.test(m)
            ? targetError
            : status,
        m,
      );
      status.textContent = 'No result.';
      return null;
    }
    const resultAt = performance.now();
    const res = r.result;
    pending = null;
    draw(res.x, res.targetY, res.y);
    const key = keyOf(kind);
    shownTarget = key;
    finished = [
      ...finished.filter((f) => !(f.target === key && f.width === n)),
      { target: key, width: n, maxError: res.maxError },
    ];
    drawErrors();
    status.textContent = `Trained N = ${n} in ${num((performance.now() - t0) / 1000)} s: ${int(res.epochs)} epochs, max error ${num(res.maxError)}.`;
    hooks.lessons.approximation = {
      target: kind,
      width: n,
      epochs: res.epoch,
      maxError: res.maxError,
      done: true,
      resultAt,
      finished,
    };
    return res;
  };

  const readWidth = (): number | null => {
    widthError.textContent = '';
    targetError.textContent = '';
    const raw = width.value.trim();
    const n = Number(raw);
    if (raw === '' || !Number.isInteger(n) || n < 1 || n > 256) {
      fieldMessage(
        hooks,
        widthError,
        `N: got "${raw}"; allowed: a whole number of units from 1 to 256`,
      );
      return null;
    }
    return n;
  };

  let busy = false;
  const guarded = async (work: () => Promise<void>) => {
    if (busy) return;
    busy = true;
    train.disabled = true;
    sweep.disabled = true;
    try {
      await work();
    } finally {
      busy = false;
      train.disabled = false;
      sweep.disabled = false;
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = readWidth();
    if (n !== null) void guarded(async () => void (await runOne(n)));
  });
  sweep.addEventListener('click', () => {
    widthError.textContent = '';
    void guarded(async () => {
      for (const n of SWEEP) if ((await runOne(n)) === null) return;
    });
  });
  clearPad.addEventListener('click', () => pad.clear());
  target.addEventListener('change', () => {
    shownTarget = keyOf(target.value);
    drawErrors();
  });
  return section;
}
