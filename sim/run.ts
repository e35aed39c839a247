/**
 * Build a network, simulate it, summarise it: the one function behind
 * `spikelab simulate` and the web UI's run button. Timings separate
 * construction from the tick loop; statistics come from an O(neurons)
 * listener, so long runs need no spike record. `simulateSpecAsync` is the
 * same run yielding to the event loop between slices (a worker stays
 * responsive to a cancel message).
 */
import { invalid } from '../src/core/errors.ts';
import type { BackendName } from './engine/backend.ts';
import type { Counts } from './engine/counters.ts';
import { IsiStats } from './engine/isi-stats.ts';
import type { SpikeListener } from './engine/listener.ts';
import { Simulator } from './engine/simulator.ts';
import type { RunOptions, RunResult } from './engine/simulator-options.ts';
import { type BuildOptions, buildNetwork } from './network/build.ts';
import type { Network } from './network/network.ts';
import type { NetworkSpec } from './network/spec.ts';

export interface PopulationSummary {
  label: string;
  model: string;
  size: number;
  spikes: number;
  meanRateHz: number;
  cvIsi: number | null;
  synapticEvents: number;
}

export interface SimulationSummary {
  model: string | null;
  neurons: number;
  synapses: number;
  durationMs: number;
  dt: number;
  seed: number;
  /** The kernels that ran: WebAssembly SIMD or TypeScript (bit-identical spikes). */
  backend: 'wasm' | 'js';
  /** Threads the simulation ran on (the same spikes on any number). */
  threads: number;
  /** Spikes of neuron populations (sources excluded) and their mean rate. */
  spikes: number;
  meanRateHz: number;
  /** Mean over neurons with ≥ 2 ISIs of std/mean of their ISIs (null when none). */
  cvIsi: number | null;
  silentFraction: number;
  synapticEvents: number;
  neuronUpdates: number;
  externalEvents: number;
  buildSeconds: number;
  simulationSeconds: number;
  synapticEventsPerSecond: number;
  connectivityBytes: number;
  bytesPerSynapse: number;
  populations: PopulationSummary[];
  stopped: boolean;
}

export interface SimulateOptions extends BuildOptions {
  durationMs: number;
  /** 'auto' (default): WebAssembly SIMD where the runtime supports it, else TypeScript. */
  backend?: BackendName;
  listeners?: SpikeListener[];
  onProgress?: (doneTicks: number, totalTicks: number, spikes: number) => void;
  shouldStop?: () => boolean;
  /**
   * Called once the network is built and the simulator made, before the
   * first tick: the place to attach listeners that need the built network
   * (state monitors, hardware counters).
   */
  setup?: (sim: Simulator) => void;
  /**
   * Makes the simulator instead of `new Simulator` (one thread): e.g. the
   * engine over several threads (src/harness/node/engine-threads.ts), which
   * gives the same spikes. Not with `setup`, which needs the one-thread
   * simulator's state.
   */
  engine?: (net: Network, opts: EngineOptions) => SimulatorLike;
}

/** What `engine` is given: the listeners (the run's statistics among them), the backend and the memory budget. */
export interface EngineOptions {
  listeners: SpikeListener[];
  backend: BackendName;
  memoryBudgetBytes?: number;
}

/** What a run needs of a simulator: Simulator, or one over several threads. */
export interface SimulatorLike {
  readonly backend: 'wasm' | 'js';
  /** Threads it runs on (1 when absent). */
  readonly threads?: number;
  counts(): Counts;
  run(ticks: number, opts?: RunOptions): RunResult;
  runAsync(
    ticks: number,
    opts?: RunOptions & { signal?: AbortSignal; sliceMs?: number },
  ): Promise<RunResult>;
  close?(): void;
}

export interface SimulateAsyncOptions extends Omit<SimulateOptions, 'engine'> {
  /**
   * As SimulateOptions.engine, and it may answer a promise: threads that
   * must be awaited before they run (ParallelSimulator.start, the page's
   * Web Workers). Awaiting it counts as building.
   */
  engine?: (net: Network, opts: EngineOptions) => SimulatorLike | Promise<SimulatorLike>;
  /** An aborted signal ends the run with CANCELLED (shouldStop ends it with a partial summary). */
  signal?: AbortSignal;
  /** Wall time between yields to the event loop (default 25 ms). */
  sliceMs?: number;
}

const nullIfNaN = (x: number) => (Number.isNaN(x) ? null : x);

interface Prepared {
  net: Network;
  sim: SimulatorLike;
  stats: IsiStats;
  ticks: number;
  t0: number;
  t1: number;
}

/** The network built, its statistics listener and what an engine is given. */
function build(spec: NetworkSpec, opts: SimulateOptions | SimulateAsyncOptions) {
  const t0 = performance.now();
  const net = buildNetwork(spec, opts);
  const stats = new IsiStats(net);
  // the network is private to this run: its connectivity may move into the kernels' memory
  const engineOptions: EngineOptions = {
    listeners: [stats, ...(opts.listeners ?? [])],
    backend: opts.backend ?? 'auto',
    ...(opts.memoryBudgetBytes !== undefined && { memoryBudgetBytes: opts.memoryBudgetBytes }),
  };
  if (opts.engine && opts.setup)
    throw invalid('setup', 'a function', 'nothing when an engine is given (it needs one thread)');
  return { t0, net, stats, engineOptions };
}

function oneThread(
  net: Network,
  engineOptions: EngineOptions,
  opts: Pick<SimulateOptions, 'setup'>,
) {
  const one = new Simulator(net, { ...engineOptions, moveConnectivity: true });
  opts.setup?.(one);
  return one;
}

function prepare(spec: NetworkSpec, opts: SimulateOptions): Prepared {
  const { t0, net, stats, engineOptions } = build(spec, opts);
  const sim = opts.engine ? opts.engine(net, engineOptions) : oneThread(net, engineOptions, opts);
  const t1 = performance.now();
  return { net, sim, stats, ticks: Math.round(opts.durationMs / net.dt), t0, t1 };
}

async function prepareAsync(spec: NetworkSpec, opts: SimulateAsyncOptions): Promise<Prepared> {
  const { t0, net, stats, engineOptions } = build(spec, opts);
  const sim = opts.engine
    ? await opts.engine(net, engineOptions)
    : oneThread(net, engineOptions, opts);
  const t1 = performance.now();
  return { net, sim, stats, ticks: Math.round(opts.durationMs / net.dt), t0, t1 };
}

function runOptions(p: Prepared, opts: SimulateOptions | SimulateAsyncOptions) {
  return {
    onProgress: (done: number, total: number) =>
      opts.onProgress?.(done, total, p.sim.counts().spikes),
    ...(opts.shouldStop && { shouldStop: opts.shouldStop }),
  };
}

export function simulateSpec(spec: NetworkSpec, opts: SimulateOptions): SimulationSummary {
  const p = prepare(spec, opts);
  try {
    const result = p.sim.run(p.ticks, runOptions(p, opts));
    return summarise(spec, p, result, performance.now());
  } finally {
    p.sim.close?.();
  }
}

export async function simulateSpecAsync(
  spec: NetworkSpec,
  opts: SimulateAsyncOptions,
): Promise<SimulationSummary> {
  const p = await prepareAsync(spec, opts);
  try {
    const result = await p.sim.runAsync(p.ticks, {
      ...runOptions(p, opts),
      ...(opts.signal && { signal: opts.signal }),
      ...(opts.sliceMs !== undefined && { sliceMs: opts.sliceMs }),
    });
    return summarise(spec, p, result, performance.now());
  } finally {
    p.sim.close?.();
  }
}

function summarise(
  spec: NetworkSpec,
  { net, sim, stats, t0, t1 }: Prepared,
  result: RunResult,
  t2: number,
): SimulationSummary {
  const durationMs = result.ticks * net.dt;
  const all = stats.neurons(durationMs);
  const counts = result.counts;
  const simulationSeconds = (t2 - t1) / 1000;
  return {
    model: typeof spec.meta?.model === 'string' ? spec.meta.model : null,
    neurons: net.populations.reduce((s, p) => s + (p.kind === 'neuron' ? p.size : 0), 0),
    synapses: net.synapses,
    durationMs,
    dt: net.dt,
    seed: net.seed,
    backend: sim.backend,
    threads: sim.threads ?? 1,
    spikes: all.spikes,
    meanRateHz: all.meanRateHz,
    cvIsi: nullIfNaN(all.cvIsi),
    silentFraction: all.silentFraction,
    synapticEvents: counts.synapticEvents,
    neuronUpdates: counts.neuronUpdates,
    externalEvents: counts.externalEvents,
    buildSeconds: (t1 - t0) / 1000,
    simulationSeconds,
    synapticEventsPerSecond: simulationSeconds > 0 ? counts.synapticEvents / simulationSeconds : 0,
    connectivityBytes: net.connectivityBytes,
    bytesPerSynapse: net.synapses > 0 ? net.connectivityBytes / net.synapses : 0,
    populations: net.populations.map((p, i) => {
      const s = stats.population(i, durationMs);
      return {
        label: p.label,
        model: p.model,
        size: p.size,
        spikes: s.spikes,
        meanRateHz: s.meanRateHz,
        cvIsi: nullIfNaN(s.cvIsi),
        synapticEvents: counts.populations[i]!.synapticEvents,
      };
    }),
    stopped: result.stopped,
  };
}
