/**
 * A Simulator over several threads: the network split into shares
 * (partition.ts), share 0 run by the calling thread, the others by threads
 * the caller's `ShareSpawner` starts (Node's worker_threads in
 * src/harness/node/engine-threads.ts, Web Workers in
 * web/worker/engine-threads.ts), all in lock step (lockstep.ts).
 * Spikes, counts and listeners are those of `Simulator` on the whole
 * network, bit for bit, for any number of threads.
 *
 * What it holds: the connectivity, moved once into shared memory, which
 * every share filters to the synapses into its neurons. Listeners run on
 * the calling thread and see every spike of the tick in the whole
 * network's order; the state of neurons in other shares is not readable
 * from here (state monitors need one thread).
 */
import { invalid, SpikelabError } from '../../src/core/errors.ts';
import { checkAllocation, DEFAULT_MEMORY_BUDGET_BYTES } from '../../src/core/memory.ts';
import type { Network, Population, Projection } from '../network/network.ts';
import { neuronModels } from '../neurons/index.ts';
import type { BackendName } from './backend.ts';
import { type Counts, subtractCounts } from './counters.ts';
import { yieldToEventLoop } from './event-loop.ts';
import type { SpikeListener } from './listener.ts';
import { Command, type LockstepBuffers, lockstepBuffers, ShareRunner } from './lockstep.ts';
import { type PartitionPlan, partitionNetwork, planPartition, unsplittable } from './partition.ts';
import { DRIVE_BLOCK } from './runtime.ts';
import { Simulator } from './simulator.ts';
import type { RunOptions, RunResult } from './simulator-options.ts';

/** What a thread needs to build and run its share: plain data and shared buffers only. */
export interface ShareJob {
  /** The whole network without its neuron models' functions (restored by name) or its spec. */
  network: Network;
  plan: PartitionPlan;
  share: number;
  buffers: LockstepBuffers;
  backend: BackendName;
  memoryBudgetBytes: number;
  spin: number;
  /** Ticks between spike exchanges: the minimum delay. */
  window: number;
}

/**
 * Threads running shares 1…: started with their jobs, waited for until
 * built, stopped at close. Threads that can be waited for blocking (Node's)
 * give `waitReady`, and the simulator is ready once constructed; the others
 * (Web Workers, which cannot start while their creator blocks) give
 * `ready`, awaited by `ParallelSimulator.start`.
 */
export interface ShareThreads {
  /** Blocks until every share is built; throws the first thread's error. */
  waitReady?(): void;
  /** Resolves once every share is built; rejects with the first thread's error. */
  ready?(): Promise<void>;
  close(): void;
}

export type ShareSpawner = (jobs: ShareJob[]) => ShareThreads;

/** A run in progress: its batches so far. */
interface BatchedRun {
  readonly ticks: number;
  readonly opts: RunOptions;
  readonly batch: number;
  readonly before: Counts;
  done: number;
  stopped: boolean;
}

export interface ParallelOptions {
  threads: number;
  spawner: ShareSpawner;
  /** Logical cores: threads beyond them sleep at barriers instead of spinning. */
  cores: number;
  listeners?: SpikeListener[];
  backend?: BackendName;
  memoryBudgetBytes?: number;
  /**
   * The network is private to this run: its projections' arrays are emptied
   * once every share holds its synapses, so the connectivity is held once.
   */
  releaseConnectivity?: boolean;
}

const SPIN_ITERATIONS = 5_000;

/** What one more thread costs beyond its share (its JavaScript heap, modules and kernels), measured about 40 MB in Node 20. */
export const THREAD_BYTES = 64e6;

/** Shares worth having: no more than the largest neuron population has blocks (more would hold nothing). */
export function usefulShares(net: Pick<Network, 'populations'>, threads: number): number {
  const blocks = Math.max(
    1,
    ...net.populations.map((p) => (p.kind === 'neuron' ? Math.ceil(p.size / DRIVE_BLOCK) : 1)),
  );
  return Math.min(threads, blocks);
}

/** The typed array `a` copied into shared memory. */
function shared<T extends Uint32Array | Float32Array | Uint8Array | Uint16Array>(a: T): T {
  const ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new ctor(new SharedArrayBuffer(Math.max(1, a.byteLength)));
  out.set(a as never);
  return out;
}

/** Moves `net`'s connectivity into shared memory (in place) and returns what a job carries. */
function shareable(net: Network): Network {
  for (const p of net.projections) {
    p.rowStart = shared(p.rowStart);
    p.targets = shared(p.targets);
    p.weights = shared(p.weights);
    p.delays = shared(p.delays);
    if (p.channels) p.channels = shared(p.channels);
  }
  const populations = net.populations.map((p): Population => {
    if (p.kind !== 'neuron') return p;
    const { neuron: _functions, ...data } = p;
    return data as typeof p;
  });
  return { ...net, populations, spec: null as never };
}

/** The share of `job`, built on this thread: its Simulator and lock-step runner. */
export function buildShare(job: ShareJob, listeners: SpikeListener[] = []): ShareRunner {
  const populations = job.network.populations.map((p): Population => {
    if (p.kind !== 'neuron' || p.neuron) return p;
    return { ...p, neuron: neuronModels[p.model]! };
  });
  const whole = { ...job.network, populations };
  const { network, preOffsets } = partitionNetwork(whole, job.plan, job.share);
  const sim = new Simulator(network, {
    preOffsets,
    backend: job.backend,
    moveConnectivity: true,
    memoryBudgetBytes: job.memoryBudgetBytes,
    listeners,
  });
  return new ShareRunner(sim, job.share, job.plan.length, job.buffers, job.spin, job.window);
}

function whyNotParallel(net: Network): string | null {
  const custom = net.populations.find(
    (p) => p.kind === 'neuron' && neuronModels[p.model] !== p.neuron,
  );
  if (custom) return `population ${custom.label} has a neuron model the engine does not list`;
  return unsplittable(net);
}

export class ParallelSimulator {
  readonly network: Network;
  readonly dt: number;
  /** Threads it runs on: those asked for, at most one per block of the largest population. */
  readonly threads: number;
  readonly backend: 'wasm' | 'js';
  private readonly runner: ShareRunner;
  private readonly others: ShareThreads;
  private seed: number;
  private closed = false;
  /** Until every share is built: the other threads would never reach a barrier. */
  private pending: Promise<void> | null = null;
  private readonly releaseConnectivity: boolean;

  /**
   * A simulator whose threads are all built: constructed, then their
   * readiness awaited (the one way with a spawner that gives only `ready`).
   * On failure the threads are stopped and the first error thrown.
   */
  static async start(net: Network, opts: ParallelOptions): Promise<ParallelSimulator> {
    const sim = new ParallelSimulator(net, opts);
    await sim.ready();
    return sim;
  }

  constructor(net: Network, opts: ParallelOptions) {
    if (!(Number.isInteger(opts.threads) && opts.threads >= 1))
      throw invalid('threads', opts.threads, 'an integer ≥ 1');
    const threads = usefulShares(net, opts.threads);
    const why = whyNotParallel(net);
    if (why !== null && threads > 1)
      throw new SpikelabError('NOT_APPLICABLE', `threads: got ${threads}; ${why}; allowed: 1`);
    const budget = opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES;
    // the shared copy, then every share's synapses: twice the connectivity at most
    checkAllocation(
      2 * net.connectivityBytes + (threads - 1) * THREAD_BYTES,
      `the connectivity shared by ${threads} threads, its shares and the threads themselves`,
      budget,
    );
    this.network = net;
    this.dt = net.dt;
    this.seed = net.seed;
    this.threads = threads;
    const plan = planPartition(net, threads);
    const window = minimumDelay(net);
    const buffers = lockstepBuffers(net, plan, window);
    const spin = threads <= opts.cores ? SPIN_ITERATIONS : 0;
    const data = shareable(net);
    const job = (share: number): ShareJob => ({
      network: data,
      plan,
      share,
      buffers,
      backend: opts.backend ?? 'auto',
      memoryBudgetBytes: budget,
      spin,
      window,
    });
    this.others = opts.spawner(Array.from({ length: threads - 1 }, (_, k) => job(k + 1)));
    this.releaseConnectivity = opts.releaseConnectivity ?? false;
    try {
      this.runner = buildShare({ ...job(0), network: net }, opts.listeners ?? []);
      if (this.others.waitReady) this.others.waitReady();
      else if (this.others.ready) {
        this.pending = this.others.ready();
        // awaited by ready(); a simulator closed before then must not leave a rejection unhandled
        this.pending.catch(() => {});
      } else throw new Error('a ShareThreads gives neither waitReady nor ready');
    } catch (e) {
      this.others.close();
      throw e;
    }
    this.backend = this.runner.sim.backend;
    if (this.pending === null) this.started();
  }

  /** Resolves once every share is built (at once when the constructor waited for them); rejects, threads stopped, with the first error. */
  async ready(): Promise<void> {
    if (this.pending === null) return;
    try {
      await this.pending;
    } catch (e) {
      this.closed = true;
      this.others.close();
      throw e;
    } finally {
      this.pending = null;
    }
    this.started();
  }

  private started(): void {
    if (this.releaseConnectivity) release(this.network.projections);
  }

  /** Share 0's runner, once every thread serves commands. */
  private get live(): ShareRunner {
    if (this.pending !== null)
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        'the engine threads are still being built: await ready() (or use ParallelSimulator.start) first',
      );
    return this.runner;
  }

  /** Ticks simulated since the last reset. */
  get tick(): number {
    return this.runner.sim.tick;
  }

  addListener(l: SpikeListener): void {
    this.runner.sim.addListener(l);
  }

  counts(): Counts {
    return this.live.totalCounts();
  }

  /** Back to time 0 on every thread (see Simulator.reset). */
  reset(opts: { seed?: number } = {}): void {
    if (opts.seed !== undefined) this.seed = opts.seed;
    this.live.post(Command.reset, this.seed);
  }

  run(ticks: number, opts: RunOptions = {}): RunResult {
    const r = this.begin(ticks, opts);
    while (this.nextBatch(r));
    return this.end(r);
  }

  /** As run, yielding to the event loop between batches of ticks; an aborted signal ends it with CANCELLED. */
  async runAsync(
    ticks: number,
    opts: RunOptions & { signal?: AbortSignal; sliceMs?: number } = {},
  ): Promise<RunResult> {
    const r = this.begin(ticks, opts);
    do {
      await yieldToEventLoop();
      if (opts.signal?.aborted)
        throw new SpikelabError('CANCELLED', `simulation cancelled at tick ${this.tick}`);
    } while (this.nextBatch(r));
    return this.end(r);
  }

  private begin(ticks: number, opts: RunOptions): BatchedRun {
    if (!(Number.isInteger(ticks) && ticks >= 0)) throw invalid('ticks', ticks, 'an integer ≥ 0');
    const batch = Math.max(1, opts.batchTicks ?? Math.round(10 / this.dt));
    return { ticks, opts, batch, done: 0, stopped: false, before: this.counts() };
  }

  /** Runs the run's next batch of ticks on every thread; false once the run is over. */
  private nextBatch(r: BatchedRun): boolean {
    if (r.done >= r.ticks) return false;
    if (r.opts.shouldStop?.()) {
      r.stopped = true;
      return false;
    }
    const n = Math.min(r.batch, r.ticks - r.done);
    this.live.post(Command.run, n);
    r.done += n;
    r.opts.onProgress?.(r.done, r.ticks);
    return true;
  }

  private end(r: BatchedRun): RunResult {
    return { ticks: r.done, stopped: r.stopped, counts: subtractCounts(this.counts(), r.before) };
  }

  runFor(durationMs: number, opts: RunOptions = {}): RunResult {
    return this.run(Math.round(durationMs / this.dt), opts);
  }

  /** Stops the other threads; the simulator cannot run afterwards. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    // threads not yet built serve no command: ended at once
    if (this.pending !== null) {
      this.others.close();
      return;
    }
    try {
      this.runner.post(Command.exit);
    } finally {
      this.others.close();
    }
  }
}

/**
 * The shortest delay (ticks) of any synapse: spikes need be exchanged only
 * this often. At most MAX_WINDOW, which bounds the shared spike buffers.
 */
export function minimumDelay(net: Pick<Network, 'projections'>): number {
  let d = MAX_WINDOW;
  for (const p of net.projections) {
    if (p.targets.length === 0) continue;
    if (p.uniformDelay > 0) d = Math.min(d, p.uniformDelay);
    else for (let k = 0; k < p.delays.length && d > 1; k++) d = Math.min(d, p.delays[k]!);
  }
  return Math.max(1, d);
}

const MAX_WINDOW = 64;

/** Empties the projections' arrays (their counts stay in the network's totals). */
function release(projections: Projection[]): void {
  for (const p of projections) {
    p.rowStart = new Uint32Array(0);
    p.targets = new Uint32Array(0);
    p.weights = new Float32Array(0);
    p.delays = new Uint8Array(0);
    if (p.channels) p.channels = new Uint8Array(0);
  }
}
