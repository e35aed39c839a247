/**
 * The tick loop. Each tick runs fixed phases (Brian2's schedule as data):
 *
 *   1. inputs    step currents due now, Poisson input counts into the current slot
 *   2. update    each population's kernel: integrate, read and clear the current
 *                input slot, threshold, reset; spikes appended to one id buffer
 *   3. direct    projections into populations with direct input (runtime.ts) add
 *                the previous tick's spikes to the synaptic variables
 *   4. listeners onSpikes(tick, ids, count) with global ids
 *   5. deliver   each other projection walks the CSR rows of this tick's spikes
 *                and adds weights into ring-buffer slots tick + delay (delay ≥ 1)
 *
 * Nothing is allocated inside the loop. `run` can be called repeatedly;
 * `reset` restores time 0 and all dynamic state without touching connectivity.
 */
import { invalid, SpikelabError } from '../../src/core/errors.ts';
import { checkAllocation, DEFAULT_MEMORY_BUDGET_BYTES } from '../../src/core/memory.ts';
import { Rng } from '../../src/core/rng.ts';
import { checkSourceRate, type Network, restOf } from '../network/network.ts';
import { Arena, ArenaPlan } from './arena.ts';
import {
  type BoundDeliver,
  type BoundDrive,
  type BoundUpdate,
  bindDeliverFn,
  bindKernel,
} from './backend.ts';
import { chooseBackend } from './backend-choice.ts';
import { Counters, type Counts, subtractCounts } from './counters.ts';
import { yieldToEventLoop } from './event-loop.ts';
import type { SpikeListener } from './listener.ts';
import { channelTargets, directInput, fanOut } from './projection-routes.ts';
import {
  ArraySourceRuntime,
  maxDelaysInto,
  NeuronRuntime,
  PoissonSourceRuntime,
  type PopulationRuntime,
} from './runtime.ts';
import type { RunOptions, RunResult, SimulatorOptions } from './simulator-options.ts';

export class Simulator {
  readonly network: Network;
  readonly dt: number;
  readonly arena: Arena;
  /** The backend running the ticks ('wasm' or 'js'). */
  readonly backend: 'wasm' | 'js';
  /** Ticks simulated since the last reset. */
  tick = 0;
  private readonly runtimes: PopulationRuntime[];
  private readonly listeners: SpikeListener[];
  private readonly spikes: Uint32Array;
  /** Spikes of population p this tick are spikes[spikeStart[p] .. spikeStart[p + 1]]. */
  private readonly spikeStart: Int32Array;
  private readonly counters: Counters;
  /** The bound update of each population (null for sources). */
  private readonly updates: (BoundUpdate | null)[];
  /** The bound external drive of each population with Poisson input (else null). */
  private readonly drives: (BoundDrive | null)[];
  /** The bound delivery of each projection. */
  private readonly deliveries: BoundDeliver[];
  /** Projections into populations with direct input: delivered from the previous tick's spikes. */
  private readonly direct: boolean[];
  /** The previous tick's spikes and their ranges per population, when any projection is direct. */
  private readonly previous: Uint32Array;
  private readonly previousStart: Int32Array;
  private seed: number;
  /** Global id of row 0 of each population's outgoing projections (its offset, unless given). */
  private readonly preOffsets: readonly number[];

  constructor(network: Network, opts: SimulatorOptions = {}) {
    this.network = network;
    this.dt = network.dt;
    this.seed = network.seed;
    this.listeners = [...(opts.listeners ?? [])];
    this.preOffsets = opts.preOffsets ?? network.populations.map((p) => p.offset);
    const plan = new ArenaPlan();
    const maxDelays = maxDelaysInto(network);
    const direct = directInput(network, opts);
    this.runtimes = network.populations.map((pop, i) => {
      if (pop.kind === 'neuron') return new NeuronRuntime(pop, i, maxDelays[i]!, plan, direct[i]);
      if (pop.kind === 'poisson') return new PoissonSourceRuntime(pop, i, network.dt, plan);
      return new ArraySourceRuntime(pop, i);
    });
    const spikeSlot = plan.reserve('spikes', Uint32Array, network.size);
    this.direct = network.projections.map((p) => direct[p.post]!);
    const previousSlot = plan.reserve(
      'previous spikes',
      Uint32Array,
      this.direct.includes(true) ? network.size : 0,
    );
    checkAllocation(
      plan.bytes,
      'simulation state (neuron state and input ring buffers)',
      opts.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES,
    );
    // projections into multi-channel models deliver to input indices target·C + channel
    const delivered = network.projections.map((p) => channelTargets(p, network));
    const backend = chooseBackend(network, delivered, plan.bytes, opts);
    this.backend = backend.name;
    this.arena = new Arena(plan, opts.allocate ?? backend.allocate);
    for (const r of this.runtimes) if (!(r instanceof ArraySourceRuntime)) r.claim(this.arena);
    const spikes = this.arena.u32(spikeSlot);
    this.spikes = spikes;
    this.previous = this.arena.u32(previousSlot);
    this.previousStart = new Int32Array(network.populations.length + 1);
    this.updates = this.runtimes.map((r) => {
      if (!(r instanceof NeuronRuntime)) return null;
      const kernel = opts.kernels?.[r.pop.model];
      return kernel ? bindKernel(r, spikes, kernel) : backend.bindUpdate(r, spikes);
    });
    this.drives = this.runtimes.map((r) => {
      if (!(r instanceof NeuronRuntime) || r.samplers.length === 0) return null;
      return backend.bindDrive?.(r) ?? ((slot: number) => r.drive(slot));
    });
    this.deliveries = delivered.map((proj, q) => {
      const post = this.runtimes[proj.post] as NeuronRuntime;
      const preOffset = this.preOffsets[proj.pre]!;
      const from = this.direct[q] ? this.previous : spikes;
      return opts.deliver
        ? bindDeliverFn(opts.deliver, proj, post, preOffset, from)
        : backend.bindDeliver(proj, post, preOffset, from);
    });
    this.spikeStart = new Int32Array(network.populations.length + 1);
    this.counters = new Counters(
      network.populations.map((p) => p.label),
      network.projections.map((p) => p.label),
    );
    this.reset();
  }

  addListener(l: SpikeListener): void {
    this.listeners.push(l);
  }

  removeListener(l: SpikeListener): void {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /**
   * Back to time 0: state variables to their initial values, refractory
   * counters and ring buffers cleared, counters zeroed, random streams
   * restarted (from `seed` when given, else the network's seed). Parameters
   * set with setIOffset / setRates persist, as PyNN's reset() keeps them.
   */
  reset(opts: { seed?: number } = {}): void {
    if (opts.seed !== undefined) this.seed = opts.seed;
    const root = new Rng(this.seed);
    this.runtimes.forEach((r, i) => {
      if (r instanceof ArraySourceRuntime) r.reset();
      else r.reset(root.derive(`run/population/${i}`));
    });
    this.tick = 0;
    this.previousStart.fill(0);
    this.counters.clear();
    for (const l of this.listeners) l.onReset?.();
  }

  /** Sets the per-neuron constant current (nA) of a neuron population; persists through reset. */
  setIOffset(population: number | string, values: ArrayLike<number> | number): void {
    const r = this.runtime(population, 'neuron') as NeuronRuntime;
    if (!('iOffset' in r.pop.neuron.params))
      throw invalid(
        'population',
        population,
        `a population whose model takes a current (${r.pop.model} does not)`,
      );
    const base = r.iOffsetBase;
    const cur = r.state.iOffset;
    if (typeof values !== 'number' && values.length !== base.length) {
      throw invalid('iOffset', values, `${base.length} values`, 'SHAPE_MISMATCH');
    }
    for (let i = 0; i < base.length; i++) {
      const v = typeof values === 'number' ? values : values[i]!;
      if (!Number.isFinite(v))
        throw invalid(`iOffset[${i}]`, v, 'a finite current (nA)', 'NOT_FINITE');
      cur[i] = cur[i]! - base[i]! + v; // keeps active step currents
      base[i] = v;
    }
    r.offsetChanged();
  }

  /** Sets the rates (Hz) of a Poisson source population; persists through reset. */
  setRates(population: number | string, rates: ArrayLike<number> | number): void {
    const r = this.runtime(population, 'poisson') as PoissonSourceRuntime;
    const n = r.pop.size;
    const arr = typeof rates === 'number' ? new Float32Array(n).fill(rates) : rates;
    if (arr.length !== n) throw invalid('rates', rates, `${n} values`, 'SHAPE_MISMATCH');
    for (let i = 0; i < n; i++) checkSourceRate(arr[i]!, this.dt, `rates[${i}]`);
    r.setRates(arr);
  }

  /** The live state arrays of a neuron population (v relative to vRest: see stateVar). */
  populationState(population: number | string) {
    return (this.runtime(population, 'neuron') as NeuronRuntime).state;
  }

  /** A copy of a state variable in its physical unit (v absolute, mV). */
  stateVar(population: number | string, name: string): Float32Array {
    const r = this.runtime(population, 'neuron') as NeuronRuntime;
    const k = r.pop.neuron.stateVars.findIndex((v) => v.name === name);
    if (k < 0)
      throw invalid(
        'state variable',
        name,
        r.pop.neuron.stateVars.map((v) => v.name).join(', '),
        'UNKNOWN_TYPE',
      );
    const out = Float32Array.from(r.state.vars[k]!);
    if (k === 0) for (let i = 0; i < out.length; i++) out[i] = out[i]! + restOf(r.pop, i);
    return out;
  }

  counts(): Counts {
    return this.counters.snapshot();
  }

  /** Runs `ticks` ticks (in batches, for progress and early stop). */
  run(ticks: number, opts: RunOptions = {}): RunResult {
    if (!(Number.isInteger(ticks) && ticks >= 0)) throw invalid('ticks', ticks, 'an integer ≥ 0');
    const before = this.counters.snapshot();
    const r = this.batches(ticks, 0, opts, () => true);
    return {
      ticks: r.done,
      stopped: r.stopped,
      counts: subtractCounts(this.counters.snapshot(), before),
    };
  }

  /**
   * As run, but yields to the event loop about every `sliceMs` of wall time
   * (default 25), so a worker can receive a cancel message; an aborted signal
   * ends it with CANCELLED.
   */
  async runAsync(
    ticks: number,
    opts: RunOptions & { signal?: AbortSignal; sliceMs?: number } = {},
  ): Promise<RunResult> {
    if (!(Number.isInteger(ticks) && ticks >= 0)) throw invalid('ticks', ticks, 'an integer ≥ 0');
    const before = this.counters.snapshot();
    const sliceMs = opts.sliceMs ?? 25;
    let r = { done: 0, stopped: false };
    while (r.done < ticks && !r.stopped) {
      await yieldToEventLoop();
      if (opts.signal?.aborted) {
        throw new SpikelabError('CANCELLED', `simulation cancelled at tick ${this.tick}`);
      }
      const sliceEnd = performance.now() + sliceMs;
      r = this.batches(ticks, r.done, opts, () => performance.now() < sliceEnd);
    }
    return {
      ticks: r.done,
      stopped: r.stopped,
      counts: subtractCounts(this.counters.snapshot(), before),
    };
  }

  /** Batches of ticks from `done` towards `ticks`, while `more()` holds after each batch. */
  private batches(ticks: number, done: number, opts: RunOptions, more: () => boolean) {
    const batch = Math.max(1, opts.batchTicks ?? Math.round(10 / this.dt));
    while (done < ticks) {
      if (opts.shouldStop?.()) return { done, stopped: true };
      const n = Math.min(batch, ticks - done);
      for (let k = 0; k < n; k++) this.step();
      done += n;
      opts.onProgress?.(done, ticks);
      if (!more()) break;
    }
    return { done, stopped: false };
  }

  /** Runs for a duration in ms (rounded to whole ticks). */
  runFor(durationMs: number, opts: RunOptions = {}): RunResult {
    return this.run(Math.round(durationMs / this.dt), opts);
  }

  private runtime(population: number | string, kind: 'neuron' | 'poisson'): PopulationRuntime {
    const i =
      typeof population === 'number'
        ? population
        : this.network.populations.findIndex((p) => p.label === population);
    const r = this.runtimes[i];
    const ok = kind === 'neuron' ? r instanceof NeuronRuntime : r instanceof PoissonSourceRuntime;
    if (!r || !ok) {
      const names = this.network.populations.filter((p) => p.kind === kind).map((p) => p.label);
      throw invalid(
        'population',
        population,
        `a ${kind === 'neuron' ? 'neuron' : 'Poisson source'} population: ${names.join(', ')}`,
      );
    }
    return r;
  }

  /** One tick. */
  private step(): void {
    const t = this.tick;
    this.updatePhase();
    this.deliverPhase(this.spikeStart, t);
  }

  /**
   * Phases 1–2 of a tick, which then counts as done: inputs and updates. Its spikes are then
   * spikes[0 .. count) (the returned count), those of population p from
   * `ownStarts[p]` on. A thread's share of a network (ParallelRun) calls
   * the two phases itself, gathering every share's spikes in between.
   */
  updatePhase(): number {
    const t = this.tick;
    const spikes = this.spikes;
    const start = this.spikeStart;
    const c = this.counters;
    let count = 0;
    const runtimes = this.runtimes;
    for (let p = 0; p < runtimes.length; p++) {
      const r = runtimes[p]!;
      start[p] = count;
      if (r instanceof NeuronRuntime) {
        const slot = t & r.mask;
        r.applySteps(t);
        const drive = this.drives[p];
        if (drive) c.externalEvents[p]! += drive(slot);
        count = this.updates[p]!(slot, count);
        c.neuronUpdates[p]! += r.pop.size;
      } else {
        count = r.emit(t, spikes, count);
      }
      c.spikes[p]! += count - start[p]!;
    }
    start[runtimes.length] = count;
    c.ticks++;
    this.tick = t + 1;
    return count;
  }

  /** Where updatePhase leaves the tick's spikes by population (length: populations + 1). */
  get ownStarts(): Int32Array {
    return this.spikeStart;
  }

  /** The tick's spike buffer: a share gathers the whole network's spikes of the tick into it before deliverPhase. */
  get spikeBuffer(): Uint32Array {
    return this.spikes;
  }

  /**
   * Phases 3–5 of tick `t` with its spikes in spikes[start[p] .. start[p + 1])
   * by population: direct input from the previous tick, listeners, delivery.
   * A share may run several ticks' updates before their deliveries when no
   * delay is shorter than those ticks (lockstep.ts): the ring-buffer slots
   * they fill are read only later.
   */
  deliverPhase(start: Int32Array, t: number): void {
    const spikes = this.spikes;
    const c = this.counters;
    const count = start[this.runtimes.length]!;
    const projections = this.network.projections;
    const direct = this.direct;
    const previous = this.previousStart;
    for (let q = 0; q < projections.length; q++) {
      if (!direct[q]) continue;
      const pre = projections[q]!.pre;
      if (previous[pre] !== previous[pre + 1])
        this.deliveries[q]!(previous[pre]!, previous[pre + 1]!, t);
    }
    for (let l = 0; l < this.listeners.length; l++) this.listeners[l]!.onSpikes(t, spikes, count);
    for (let q = 0; q < projections.length; q++) {
      const proj = projections[q]!;
      const from = start[proj.pre]!;
      const to = start[proj.pre + 1]!;
      if (from === to) continue;
      // direct projections deliver next tick; their events are counted now, as ring deliveries are
      const ev = direct[q]
        ? fanOut(proj, spikes, from, to, this.preOffsets[proj.pre]!)
        : this.deliveries[q]!(from, to, t);
      c.projectionEvents[q]! += ev;
      c.synapticEvents[proj.post]! += ev;
    }
    if (this.previous.length > 0) {
      const keep = this.previous;
      for (let k = 0; k < count; k++) keep[k] = spikes[k]!;
      previous.set(start);
    }
  }
}
