/**
 * What the page exposes on `window.__spikelab` for the browser test and for
 * anyone scripting the page from the console: readiness, the last run's
 * counts as the worker returned them, and the raster's last draw cost.
 */
import type { CompareReport } from '../src/harness/report/schema.ts';
import type { DrawStats } from './plots/raster-plot.ts';
import { emptyLessons, type LessonHooks } from './views/lecture-hooks.ts';

export interface LastRun {
  /** Spikes of neurons, as the worker's summary counts them. */
  spikes: number;
  /** Spikes handed to the raster (sources included, up to the recording cap). */
  recorded: number;
  /** All spikes emitted, sources included. */
  total: number;
  durationMs: number;
  stopped: boolean;
  /** Time to draw the raster of this result (setData to drawn canvas, synchronous). */
  rasterSetDataMs: number;
}

export interface CompareHooks {
  /** Reports drawn so far (opened or run). */
  shown: number;
  errors: number;
  cancelled: number;
  lastError: { code: string; message: string } | null;
  /** The report drawn last, whole (a test compares it with the harness run in Node). */
  report: CompareReport | null;
  lastReport: {
    dataset: string;
    source: string;
    annAccuracy: number | null;
    snnAccuracy: number | null;
    /** Ids of the networks the report holds, in order. */
    networks: string[];
    timesteps: number;
    hasNetwork: boolean;
  } | null;
}

export interface PageHooks {
  ready: boolean;
  runs: number;
  lastRun: LastRun | null;
  lastError: { code: string; message: string } | null;
  /** Errors shown so far (a test waits for this or runs to change). */
  errors: number;
  raster: { lastDraw: DrawStats | null; draws: number };
  /** Lecture view: accuracy of each XOR model on the four points, activation plots drawn. */
  lecture: { xorAccuracy: number[]; curves: number } | null;
  /** Lecture view: the graph, approximation, output and pulse-coding sections. */
  lessons: LessonHooks;
  compare: CompareHooks;
}

declare global {
  interface Window {
    __spikelab: PageHooks;
    __spikelabReady?: boolean;
  }
}

export function installHooks(): PageHooks {
  const hooks: PageHooks = {
    ready: false,
    runs: 0,
    lastRun: null,
    lastError: null,
    errors: 0,
    raster: { lastDraw: null, draws: 0 },
    lecture: null,
    lessons: emptyLessons(),
    compare: { shown: 0, errors: 0, cancelled: 0, lastError: null, report: null, lastReport: null },
  };
  window.__spikelab = hooks;
  return hooks;
}
