/**
 * Runs every test sample through the spiking engine: per sample, set the
 * input (currents or Poisson rates), reset (time 0, state cleared,
 * connectivity kept), run T ticks and read the class after every tick.
 * Counts are the engine's own, summed over samples.
 *
 * Backends, all giving the same spikes: `auto` delivers fully connected
 * layers through the WebAssembly SIMD row kernel (`denseDelivery`: a spike
 * adds its whole weight row, no target indices, so it is the fastest of the
 * three; `npm run bench:compare -- --baseline 500` prints the ratios) and
 * falls back to the engine's own choice otherwise; `wasm` and `js` ask the
 * engine for that backend.
 */
import type { Counts } from '../../../sim/engine/counters.ts';
import { denseDelivery } from '../../../sim/engine/deliver-dense.ts';
import type { SpikeListener } from '../../../sim/engine/listener.ts';
import { Simulator } from '../../../sim/engine/simulator.ts';
import { buildNetwork } from '../../../sim/network/build.ts';
import type { Network } from '../../../sim/network/network.ts';
import { Rng } from '../../core/rng.ts';
import { inputDrive, inputSize, type SpikingClassifier } from '../convert/spiking-classifier.ts';
import { Stopwatch } from '../stopwatch.ts';
import { type ReadoutName, ReadoutTracker } from './readout.ts';
import { NeuronCounts, SpikeLog } from './sample-listeners.ts';

export const BACKENDS = ['auto', 'wasm', 'js'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export interface SimulationOptions {
  timesteps: number;
  readout?: ReadoutName;
  /** Seeds the Poisson input of each sample (sample s draws from a stream derived from seed and s). */
  seed?: number;
  backend?: BackendChoice;
  /** Shown every sample's spikes after it ran, on one time line: tick t of sample s as s·timesteps + t. */
  listeners?: readonly SpikeListener[];
  onSample?: (done: number, total: number) => void;
  /** After each sample: every neuron's spike count in it (global ids; valid during the call). */
  onSampleCounts?: (sample: number, counts: Int32Array) => void;
  /** Turns each sample's drive into the network's (a TrueNorth deployment takes input currents as integer leaks). */
  adaptDrive?: (drive: SampleDrive) => SampleDrive;
  /**
   * Simulate samples first … first + n − 1 of x and y (default 0): each
   * draws the Poisson stream of its own index, so a run split into parts
   * gives the same spikes as one run; results and listeners' ticks count
   * from the part's first sample.
   */
  firstSample?: number;
}

export type SampleDrive = ReturnType<typeof inputDrive>;

export interface SimulationResult {
  readonly samples: number;
  readonly timesteps: number;
  readonly correctByTick: Float64Array;
  readonly predictions: Int32Array;
  readonly settleTicks: Int32Array;
  /** The engine's counts over all samples. */
  readonly counts: Counts;
  /** Engine time (set-up of each sample included, listeners' replay excluded). */
  readonly engineTime: Stopwatch;
  /** Time spent replaying spikes to `listeners`. */
  readonly listenerTime: Stopwatch;
  /** What ran: `dense-rows` (the row kernel, TypeScript neuron updates), or the engine's `wasm` or `js` backend. */
  readonly backend: 'dense-rows' | 'wasm' | 'js';
}

/** The stream of sample s's Poisson input: independent of which samples run before it. */
export function sampleSeed(seed: number, sample: number): number {
  return new Rng(seed).derive(`input/${sample}`).nextU32();
}

/** a + b, field by field (same network). */
export function addCounts(a: Counts, b: Counts): Counts {
  return {
    ticks: a.ticks + b.ticks,
    neuronUpdates: a.neuronUpdates + b.neuronUpdates,
    spikes: a.spikes + b.spikes,
    synapticEvents: a.synapticEvents + b.synapticEvents,
    externalEvents: a.externalEvents + b.externalEvents,
    populations: a.populations.map((p, i) => {
      const q = b.populations[i]!;
      return {
        label: p.label,
        neuronUpdates: p.neuronUpdates + q.neuronUpdates,
        spikes: p.spikes + q.spikes,
        synapticEvents: p.synapticEvents + q.synapticEvents,
        externalEvents: p.externalEvents + q.externalEvents,
      };
    }),
    projections: a.projections.map((p, i) => ({
      label: p.label,
      synapticEvents: p.synapticEvents + b.projections[i]!.synapticEvents,
    })),
  };
}

export function populationOffset(net: Network, label: string): number {
  return net.populations.find((p) => p.label === label)!.offset;
}

/** Simulates n samples of x (rows of features) with labels y through the engine, one after another. */
export function simulateSamples(
  classifier: SpikingClassifier,
  x: Float32Array,
  y: ArrayLike<number>,
  n: number,
  options: SimulationOptions,
  network: Network = buildNetwork(classifier.spec),
): SimulationResult {
  const T = options.timesteps;
  const seed = options.seed ?? 0;
  const first = options.firstSample ?? 0;
  const outputs = classifier.layerSizes[classifier.layerSizes.length - 1]!;
  const counter = new NeuronCounts(network.size);
  const replayTo = options.listeners ?? [];
  const log = replayTo.length > 0 ? new SpikeLog(network.size) : null;
  const choice = options.backend ?? 'auto';
  const fast = choice === 'auto' ? denseDelivery(network) : null;
  const sim = new Simulator(network, {
    listeners: log ? [counter, log] : [counter],
    ...(fast ? { allocate: fast.allocate, deliver: fast.deliver } : { backend: choice }),
  });
  const tracker = new ReadoutTracker(T, n, options.readout ?? 'count', outputs, 1);
  const outOffset = populationOffset(network, 'output');
  const outCounts = counter.counts.subarray(outOffset, outOffset + outputs);
  const outV = sim.populationState('output').vars[0]!;
  const coding = classifier.input;
  const scratch = new Float32Array(inputSize(coding));
  const ticks = new Int32Array(inputSize(coding));
  const f = coding.features;
  let total: Counts | null = null;
  const engineTime = new Stopwatch();
  const listenerTime = new Stopwatch();
  const onTick = (done: number) => tracker.tick(done - 1, outCounts, outV);
  for (let s = 0; s < n; s++) {
    engineTime.start();
    const i = first + s;
    const raw = inputDrive(coding, x.subarray(i * f, (i + 1) * f), scratch, ticks);
    const drive = options.adaptDrive ? options.adaptDrive(raw) : raw;
    if ('currents' in drive) sim.setIOffset(coding.population, drive.currents);
    else sim.setRates(coding.population, drive.rates);
    sim.reset({ seed: sampleSeed(seed, i) });
    tracker.begin(s, y[i]!);
    const r = sim.run(T, { batchTicks: 1, onProgress: onTick });
    tracker.end();
    total = total ? addCounts(total, r.counts) : r.counts;
    engineTime.stop();
    if (log) {
      listenerTime.start();
      log.replay(replayTo, s * T);
      listenerTime.stop();
    }
    options.onSampleCounts?.(s, counter.counts);
    options.onSample?.(s + 1, n);
  }
  return {
    samples: n,
    timesteps: T,
    correctByTick: tracker.correctByTick,
    predictions: tracker.predictions,
    settleTicks: tracker.settleTicks,
    counts: total ?? sim.counts(),
    engineTime,
    listenerTime,
    backend: fast ? 'dense-rows' : sim.backend,
  };
}
