/**
 * The worker's API (simulation, comparison and lecture), as plain functions: `sim.worker.ts` exposes it
 * through comlink, and the tests call it directly in Node. Errors come back
 * as values ({ ok: false, error: { code, message } }) because comlink keeps
 * only an error's message, and the page shows the code's meaning.
 */

import { DEFAULT_THREADS_FROM } from '../../sim/engine/threads-rule.ts';
import { platforms } from '../../sim/hardware/platforms.ts';
import { SpikelabError } from '../../src/core/errors.ts';
import { type DatasetLoader, runComparison } from './compare.ts';
import {
  type CompareProgress,
  type CompareResponse,
  parseCompareRequest,
} from './compare-request.ts';
import { type ErrorInfo, errorInfo } from './hardware-run.ts';
import { activationCurves, type CurveSet, type XorLesson, xorLesson } from './lecture.ts';
import type { ThreadEnv } from './page-threads.ts';
import {
  defaultRequest,
  MAX_DURATION_MS,
  MAX_FILE_BYTES,
  MAX_THREADS,
  MAX_TRACES,
  parseSimRequest,
  platformChoices,
  type SimRequest,
} from './request.ts';
import type { SimProgress, SimResponse } from './result.ts';
import { runSimulation } from './simulate.ts';

/**
 * What the page may allocate for one network (connectivity, state, hardware
 * mapping). Decimal, as formatBytes prints sizes: the page says "1.0 GB".
 */
export const PAGE_MEMORY_BUDGET_BYTES = 1e9;

export interface Catalog {
  models: { id: 'cuba' | 'coba' | 'brunel'; name: string; size: 'n' | 'scale'; about: string }[];
  platforms: { id: string; name: string }[];
  defaults: SimRequest;
  limits: { maxDurationMs: number; maxFileBytes: number; maxTraces: number; memoryBytes: number };
  /** Whether the engine may run on threads here, and on how many cores. */
  threads: { isolated: boolean; cores: number; max: number; from: typeof DEFAULT_THREADS_FROM };
}

export interface ApiOptions {
  budgetBytes?: number;
  spikeCap?: number;
  /** Minimum time between progress reports (ms); default 100: ≤ 10 messages a second. */
  progressIntervalMs?: number;
  /** How this runtime gets the data sets a comparison runs on (the worker: Vite assets; tests: files). */
  loadDataset?: DatasetLoader;
  /** Threads the engine may run on (the worker: Web Workers when cross-origin isolated; default none). */
  threads?: ThreadEnv;
}

export function throttle<T>(fn: (x: T) => void, ms: number): (x: T, force?: boolean) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (x, force = false) => {
    const now = performance.now();
    if (force || now - last >= ms) {
      last = now;
      fn(x);
    }
  };
}

export function createSimApi(opts: ApiOptions = {}) {
  let running: 'simulation' | 'comparison' | null = null;
  let stopRequested = false;

  /** One simulation or comparison at a time; errors come back as values. */
  async function exclusive<T>(
    kind: 'simulation' | 'comparison',
    work: () => Promise<T>,
  ): Promise<{ ok: true; result: T } | { ok: false; error: ErrorInfo }> {
    if (running) {
      const e = new SpikelabError('INVALID_ARGUMENT', `a ${running} is already running`);
      return { ok: false, error: errorInfo(e) };
    }
    running = kind;
    stopRequested = false;
    try {
      return { ok: true, result: await work() };
    } catch (e) {
      return { ok: false, error: errorInfo(e) };
    } finally {
      running = null;
    }
  }

  return {
    catalog(): Catalog {
      return {
        models: [
          { id: 'cuba', name: 'CUBA', size: 'n', about: 'Vogels & Abbott 2005, current-based' },
          { id: 'coba', name: 'COBA', size: 'n', about: 'Vogels & Abbott 2005, conductance-based' },
          { id: 'brunel', name: 'Brunel', size: 'scale', about: 'Brunel 2000, delta synapses' },
        ],
        platforms: platformChoices.map((id) => ({
          id,
          name: id === 'none' ? 'None (no hardware counts)' : platforms[id]!.name,
        })),
        defaults: defaultRequest,
        limits: {
          maxDurationMs: MAX_DURATION_MS,
          maxFileBytes: MAX_FILE_BYTES,
          maxTraces: MAX_TRACES,
          memoryBytes: opts.budgetBytes ?? PAGE_MEMORY_BUDGET_BYTES,
        },
        threads: {
          isolated: (opts.threads?.isolated ?? false) && (opts.threads?.spawner ?? null) !== null,
          cores: opts.threads?.cores ?? 1,
          max: MAX_THREADS,
          from: DEFAULT_THREADS_FROM,
        },
      };
    },

    /** Runs one simulation; progress at most every progressIntervalMs, and once at each phase change. */
    async simulate(request: unknown, onProgress?: (p: SimProgress) => void): Promise<SimResponse> {
      let phase = '';
      const report = throttle<SimProgress>((p) => onProgress?.(p), opts.progressIntervalMs ?? 100);
      return exclusive('simulation', () =>
        runSimulation(parseSimRequest(request), {
          budgetBytes: opts.budgetBytes ?? PAGE_MEMORY_BUDGET_BYTES,
          ...(opts.spikeCap !== undefined && { spikeCap: opts.spikeCap }),
          onProgress: (p) => {
            report(p, p.phase !== phase);
            phase = p.phase;
          },
          shouldStop: () => stopRequested,
          ...(opts.threads && { threads: opts.threads }),
        }),
      );
    },

    /**
     * Runs a comparison (the harness's `compare`) on a data set the page
     * carries; progress at most every progressIntervalMs and at each stage.
     * The report crosses to the page as a structured clone (plain data).
     */
    async compare(
      request: unknown,
      onProgress?: (p: CompareProgress) => void,
    ): Promise<CompareResponse> {
      const report = throttle<CompareProgress>(
        (p) => onProgress?.(p),
        opts.progressIntervalMs ?? 100,
      );
      return exclusive('comparison', () => {
        const req = parseCompareRequest(request);
        const loadDataset = opts.loadDataset;
        if (!loadDataset)
          throw new SpikelabError('NOT_APPLICABLE', 'this worker was started without data sets');
        return runComparison(req, {
          loadDataset,
          onProgress: report,
          shouldStop: () => stopRequested,
        });
      });
    },

    /** XOR decision regions of logistic regression and of a ReLU network (the Lecture view). */
    xor(request: unknown = {}): { ok: true; result: XorLesson } | { ok: false; error: ErrorInfo } {
      try {
        return { ok: true, result: xorLesson(request) };
      } catch (e) {
        return { ok: false, error: errorInfo(e) };
      }
    },

    /** The activation functions and their derivatives (from the ops' backward rules). */
    activations(): CurveSet {
      return activationCurves();
    },

    /**
     * Stops the running simulation at the end of its current tick batch (it
     * returns what ran), or the running comparison at its next training batch
     * or test sample (it returns CANCELLED). A comparison holds the worker's
     * thread, so this message reaches it only from within; the page ends the
     * comparison's worker instead.
     */
    cancel(): boolean {
      if (!running) return false;
      stopRequested = true;
      return true;
    },
  };
}

export type SimApi = ReturnType<typeof createSimApi>;
