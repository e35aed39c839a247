/**
 * The rate network on the test samples: its predictions, accuracy, every
 * layer's activations (for NeuroBench's counts and the conversion's
 * per-layer diagnostics), its workload and its time per sample; and its
 * energy on the conventional devices.
 */
import { energyTable } from '../../../sim/energy/index.ts';
import { classesFromOutput } from '../../ann/evaluate.ts';
import type { LossSpec } from '../../ann/train.ts';
import { RATE_PLATFORMS } from '../compare-options.ts';
import { type DenseLayer, denseStack } from '../convert/dense-stack.ts';
import { allActivations } from '../metrics/activations.ts';
import { annWorkload, type RateOperations } from '../metrics/ann-metrics.ts';
import { rateEnergyEntry } from '../metrics/energy.ts';
import type { RateSettings } from '../rate-presets.ts';
import type { EnergyEntry } from '../report/schema.ts';
import { Stopwatch } from '../stopwatch.ts';
import type { TrainRun } from '../train-rate.ts';

export interface RateSide {
  /** The first n test samples' features. */
  readonly testX: Float32Array;
  readonly stack: DenseLayer[];
  /** Class per sample; null for regression. */
  readonly predictions: Int32Array | null;
  readonly accuracy: number | null;
  readonly correct: number;
  readonly activations: Float32Array[];
  readonly workload: ReturnType<typeof annWorkload>;
  readonly secondsPerSample: number;
}

export function runRateSide(train: TrainRun, settings: RateSettings, n: number): RateSide {
  const test = train.test;
  const testX = test.x.subarray(0, n * test.features);
  const loss: LossSpec =
    settings.loss === 'mdn' ? { type: 'mdn', k: settings.components } : { type: settings.loss };
  const clock = new Stopwatch().start();
  const out = train.model.predict({ shape: [n, test.features], data: testX });
  clock.stop();
  const predictions = test.labels ? classesFromOutput(out, loss) : null;
  let correct = 0;
  if (predictions) for (let s = 0; s < n; s++) if (predictions[s] === test.labels![s]) correct++;
  const accuracy = predictions ? correct / Math.max(1, n) : null;
  const stack = denseStack(train.model);
  const activations = allActivations(stack, testX, n);
  return {
    testX,
    stack,
    predictions,
    accuracy,
    correct,
    activations,
    workload: annWorkload(stack, activations, n, accuracy),
    secondsPerSample: clock.wall / Math.max(1, n),
  };
}

/** The rate network's energy on each conventional device among `platforms`. */
export function rateEnergy(
  platforms: readonly string[],
  ops: RateOperations,
): Record<string, EnergyEntry> {
  const out: Record<string, EnergyEntry> = {};
  for (const p of platforms)
    if ((RATE_PLATFORMS as readonly string[]).includes(p))
      out[p] = rateEnergyEntry(ops, energyTable(p));
  return out;
}
