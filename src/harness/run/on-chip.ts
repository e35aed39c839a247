/**
 * Accuracy of the network as TrueNorth runs it: the deployed network
 * simulated on the same samples (same Poisson input streams; current input
 * as per-sample leaks), the TrueNorth counter listening, so the platform's
 * counts are this run's. A network outside the deployment's scope is not
 * measured, with the reason.
 *
 * The run may be shared with another thread: it simulates samples
 * [from, n) (an `OnChipJob`, see node/on-chip-worker.ts) while this one
 * simulates [0, from); every sample draws its own input stream and the
 * counts are sums, so accuracy and counts equal a run on one thread.
 */
import type { CounterSnapshot } from '../../../sim/hardware/event-counter.ts';
import type { PlatformClock } from '../../../sim/hardware/platform-clock.ts';
import { type PlatformRun, preparePlatformRun } from '../../../sim/hardware/platform-run.ts';
import {
  inputLeaks,
  type TrueNorthDeployment,
} from '../../../sim/hardware/truenorth/deploy/deploy.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import { SpikelabError } from '../../core/errors.ts';
import { wasmSimdSupported } from '../../core/wasm.ts';
import type { SpikingClassifier } from '../convert/spiking-classifier.ts';
import type { OnChipEntry } from '../report/schema.ts';
import { simulateSamples } from './simulate.ts';

export interface OnChipOptions {
  timesteps: number;
  seed: number;
}

/** Samples [from, to) of x and y for another thread, on the deployment of `classifier`. */
export interface OnChipJob extends OnChipOptions {
  readonly classifier: SpikingClassifier;
  readonly x: Float32Array;
  readonly y: Int32Array;
  readonly from: number;
  readonly to: number;
}

/** What a share of the run returns. */
export interface OnChipPart {
  readonly correctByTick: Float64Array;
  readonly synapticEvents: number;
  /** The TrueNorth counter's counts over the share, finished at its last tick. */
  readonly counter: CounterSnapshot;
}

/** A share running elsewhere: its first sample, and a wait for its result (told the share's samples done meanwhile). */
export interface PendingOnChip {
  readonly from: number;
  wait(onProgress?: (done: number) => void): OnChipPart;
}

/** Starts a job on another thread (Node: node/on-chip-worker.ts). */
export type OnChipStarter = (job: OnChipJob) => PendingOnChip;

/**
 * Simulates samples [from, to) on the deployment with `counter` listening,
 * and closes the counter at the share's last tick.
 */
export function runOnChipPart(
  dep: TrueNorthDeployment,
  counter: PlatformClock,
  classifier: SpikingClassifier,
  x: Float32Array,
  y: ArrayLike<number>,
  from: number,
  to: number,
  options: OnChipOptions,
  onSample?: (done: number) => void,
): { correctByTick: Float64Array; synapticEvents: number } {
  const input = dep.inputs.find((i) => i.label === classifier.input.population);
  const leaks = new Float32Array(input?.leakPerCurrent?.length ?? 0);
  const sim = simulateSamples(
    classifier,
    x,
    y,
    to - from,
    {
      timesteps: options.timesteps,
      seed: options.seed,
      firstSample: from,
      readout: 'count',
      backend: wasmSimdSupported() ? 'wasm' : 'js',
      listeners: [counter],
      ...(onSample ? { onSample } : {}),
      ...(input?.kind === 'leak'
        ? {
            adaptDrive: (d) =>
              'currents' in d ? { currents: inputLeaks(input, d.currents, leaks) } : d,
          }
        : {}),
    },
    dep.network,
  );
  counter.finish((to - from) * options.timesteps);
  return { correctByTick: sim.correctByTick, synapticEvents: sim.counts.synapticEvents };
}

/**
 * A job from start to end where it runs: the same deployment built from the
 * classifier, its share simulated, the counter's counts taken. `onSample`
 * sees 0 once the deployment is built, then each sample done.
 */
export function runOnChipJob(job: OnChipJob, onSample?: (done: number) => void): OnChipPart {
  const run = preparePlatformRun(buildNetwork(job.classifier.spec), 'truenorth', {
    truenorth: { deploy: 'always' },
  });
  if (run.notMapped) throw run.notMapped;
  const clock = run.clock!;
  onSample?.(0);
  const r = runOnChipPart(
    run.deployment!,
    clock,
    job.classifier,
    job.x,
    job.y,
    job.from,
    job.to,
    job,
    onSample,
  );
  return { ...r, counter: clock.counter.snapshot() };
}

/**
 * The on-chip entry of `run` over samples [0, n): this thread simulates
 * [0, rest.from) and adds the share `rest` ran elsewhere (all of them
 * without `rest`).
 */
export function trueNorthOnChip(
  run: PlatformRun,
  classifier: SpikingClassifier,
  x: Float32Array,
  y: ArrayLike<number>,
  n: number,
  options: OnChipOptions,
  rest: PendingOnChip | null = null,
  onSample?: (done: number, total: number) => void,
): OnChipEntry {
  const dep = run.deployment;
  const clock = run.clock;
  if (dep === null || clock === null) {
    return {
      accuracy: null,
      note: `not measured: ${run.notDeployed ?? 'not deployed'}; the TrueNorth figures count the float network on the per-axon-type mapping`,
    };
  }
  const from = rest ? rest.from : n;
  if (!Number.isInteger(from) || from < 0 || from > n) {
    throw new SpikelabError(
      'INVALID_ARGUMENT',
      `on-chip share: starts at sample ${from}; allowed: an integer in [0, ${n}]`,
    );
  }
  const own = runOnChipPart(dep, clock, classifier, x, y, 0, from, options, (done) =>
    onSample?.(done, n),
  );
  let correct = own.correctByTick[options.timesteps - 1]!;
  let engineEvents = own.synapticEvents;
  if (rest) {
    const part = rest.wait((done) => onSample?.(from + done, n));
    correct += part.correctByTick[options.timesteps - 1]!;
    engineEvents += part.synapticEvents;
    clock.counter.append(part.counter);
  }
  const r = dep.report;
  const hardwareEvents = clock.counter.synapticEvents;
  return {
    accuracy: correct / Math.max(1, n),
    note: `the TrueNorth deployment (${r.neurons.deployed} neurons on ${r.cores.total} cores, ${r.layers.map((l) => `${l.weightBits}-bit`).join('/')} weights${r.layers.some((l) => l.split) ? ', split neurons' : ''}, output ${r.latencyTicks} ticks later) on the same samples, ${classifier.input.kind === 'poisson' ? 'same Poisson input' : 'input currents as per-sample leaks'}, count readout; its counts are the platform's`,
    deployment: {
      neurons: { ...r.neurons },
      cores: { ...r.cores },
      synapses: { ...r.synapses },
      latencyTicks: r.latencyTicks,
      perSampleLeaks: r.perSampleLeaks,
      layers: r.layers.map((l) => ({ ...l, partialQuantum: { ...l.partialQuantum } })),
      synapticEvents: {
        engine: engineEvents,
        hardware: hardwareEvents,
        equal: engineEvents === hardwareEvents,
      },
    },
  };
}
