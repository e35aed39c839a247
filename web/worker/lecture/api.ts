/**
 * The lecture's computations as the worker exposes them: each call validates
 * its request and returns { ok, result } or { ok: false, error } (comlink
 * keeps only an error's message). Training calls report throttled progress
 * and give way to a newer call of the same kind, so a page that changes its
 * mind never waits for a run it no longer shows.
 */
import { throttle } from '../api.ts';
import { type ErrorInfo, errorInfo } from '../hardware-run.ts';
import {
  type ApproximationProgress,
  type ApproximationResult,
  approximate,
} from './approximation.ts';
import { type GraphLesson, graphLesson } from './graph.ts';
import {
  bernoulliLesson,
  type ClassLesson,
  type MixtureLesson,
  mixtureLesson,
  multinoulliLesson,
} from './outputs.ts';
import { type CodingLesson, codingLesson } from './pulse-coding.ts';
import { type SoftmaxLesson, softmaxLesson } from './softmax.ts';

export type Outcome<T> = { ok: true; result: T } | { ok: false; error: ErrorInfo };

export function outcome<T>(work: () => T): Outcome<T> {
  try {
    return { ok: true, result: work() };
  } catch (e) {
    return { ok: false, error: errorInfo(e) };
  }
}

export function createLectureApi(opts: { progressIntervalMs?: number } = {}) {
  // 4 reports a second: a live curve needs no more, and the page thread does less
  const interval = opts.progressIntervalMs ?? 250;
  return {
    /** Trains a one-hidden-layer sigmoid network on a target; the fit so far at most every 250 ms. */
    approximate(
      request: unknown,
      onProgress?: (p: ApproximationProgress) => void,
    ): Outcome<ApproximationResult> {
      const report = throttle<ApproximationProgress>((p) => onProgress?.(p), interval);
      return outcome(() => approximate(request, (p) => report(p)));
    },

    /** Logistic and softmax regression on a line: P(class | x). */
    classOutputs(): Outcome<{ bernoulli: ClassLesson; multinoulli: ClassLesson }> {
      return outcome(() => ({ bernoulli: bernoulliLesson(), multinoulli: multinoulliLesson() }));
    },
    /** The dogs data set's mixture density network beside a single Gaussian (a few seconds). */
    mixture(): Outcome<MixtureLesson> {
      return outcome(() => mixtureLesson());
    },
    /** The textbook softmax and the engine's stable one on the same logits. */
    softmax(request: unknown): Outcome<SoftmaxLesson> {
      return outcome(() => softmaxLesson(request));
    },
    /** One stimulus as a rate, a latency and a population code, each driving a LIF neuron. */
    coding(request: unknown): Outcome<CodingLesson> {
      return outcome(() => codingLesson(request));
    },
    /** A preset expression recorded on the tape, its backward pass step by step, one SGD step. */
    graph(request: unknown): Outcome<GraphLesson> {
      return outcome(() => graphLesson(request));
    },
  };
}
