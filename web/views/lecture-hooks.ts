/** What the lecture's new sections expose on `window.__spikelab.lessons` (browser test, console). */

export interface LessonHooks {
  /** The graph shown: its preset, the backward step reached of how many, ∂J/∂node by label. */
  graph: {
    preset: string;
    step: number;
    steps: number;
    grads: Record<string, number[] | null>;
  } | null;
  /** The last approximation run: its target, width, epochs done, max error; finished runs by width. */
  approximation: {
    target: string;
    width: number;
    epochs: number;
    maxError: number;
    done: boolean;
    /** Page clock (performance.now) when the worker's result arrived: training ran before it. */
    resultAt: number | null;
    finished: { target: string; width: number; maxError: number }[];
  } | null;
  outputs: {
    /** Test NLL (nats per dog) of the mixture and of the single Gaussian, once trained. */
    mixture: { mixtureNll: number; gaussianNll: number } | null;
    classesDrawn: boolean;
    softmax: { logits: number[]; naive: number[]; stable: number[] } | null;
  };
  coding: { latencyErrorMs: number; rateError100: number; decoded: Record<string, number> } | null;
  /** Errors shown next to the lecture's controls so far. */
  messages: number;
}

export function emptyLessons(): LessonHooks {
  return {
    graph: null,
    approximation: null,
    outputs: { mixture: null, classesDrawn: false, softmax: null },
    coding: null,
    messages: 0,
  };
}
