/**
 * Threads running the shares of one network (partition.ts) in lock step,
 * over shared memory only (SharedArrayBuffer and Atomics: Node's
 * worker_threads and the browser's Web Workers alike).
 *
 Spikes are exchanged once per minimum delay, as NEST and Brian2 do: a
 * window of that many ticks (1 with direct input) is updated by every share,
 * each publishing its spikes tick by tick in its region of the shared spike
 * buffer; after one barrier every share gathers all shares' spikes of each
 * tick of the window, in the whole network's order, and delivers them into
 * its own ring buffers. No spike of the window can land in a slot the window
 * reads (its delays are at least the window), and the slots fill in the
 * one-thread order. Two parities let a share publish window w + 1 while a
 * slower one still reads window w: the barrier of w + 1 comes before anyone
 * writes parity w again.
 *
 * Commands (run, reset, counts, exit) go from share 0 to the others through
 * a command word; every command ends with a barrier.
 */
import type { Network } from '../network/network.ts';
import type { Counts } from './counters.ts';
import type { PartitionPlan } from './partition.ts';
import type { Simulator } from './simulator.ts';

const COUNT = 0;
const GENERATION = 1;
const COMMAND_GENERATION = 2;
const COMMAND = 3;
const FAILED = 4;
const CONTROL_WORDS = 8;

export const Command = { run: 1, reset: 2, counts: 3, exit: 4 } as const;

/** The shared buffers of a run: plain data, posted to every thread. */
export interface LockstepBuffers {
  control: SharedArrayBuffer;
  /** The command's argument (ticks to run, or the seed). */
  argument: SharedArrayBuffer;
  /** Per share and parity: its spikes of each tick of the window (its capacity apart). */
  spikes: SharedArrayBuffer[][];
  /** Per share and parity: for each tick of the window, where each population's spikes start (populations + 1). */
  starts: SharedArrayBuffer[][];
  /** Per share: its counts (countSlots values). */
  counts: SharedArrayBuffer[];
}

const countSlots = (net: Pick<Network, 'populations' | 'projections'>) =>
  1 + 4 * net.populations.length + net.projections.length;

/**
 * The buffers for `plan` of `net` exchanging every `window` ticks: each
 * share's spike region holds, for each tick of a window, its neurons and every source.
 */
export function lockstepBuffers(
  net: Network,
  plan: PartitionPlan,
  window: number,
): LockstepBuffers {
  const shared = (bytes: number) => new SharedArrayBuffer(Math.max(8, bytes));
  const populations = net.populations.length;
  return {
    control: shared(4 * CONTROL_WORDS),
    argument: shared(8),
    spikes: plan.map((ranges) => {
      const capacity = window * ranges.reduce((s, [a, b]) => s + b - a, 0);
      return [shared(4 * capacity), shared(4 * capacity)];
    }),
    starts: plan.map(() => [
      shared(4 * window * (populations + 1)),
      shared(4 * window * (populations + 1)),
    ]),
    counts: plan.map(() => shared(8 * countSlots(net))),
  };
}

/** One thread's share: its Simulator, and the tick loop that keeps it in step with the others. */
export class ShareRunner {
  private readonly control: Int32Array;
  private readonly argument: Float64Array;
  private readonly spikes: Uint32Array[][];
  private readonly starts: Int32Array[][];
  private readonly gathered: Int32Array;
  private readonly isSource: boolean[];
  private commandsSeen = 0;
  private windows = 0;

  constructor(
    readonly sim: Simulator,
    readonly share: number,
    readonly shares: number,
    private readonly buffers: LockstepBuffers,
    /** Busy-wait iterations at a barrier before sleeping (0 when threads outnumber the cores). */
    private readonly spin: number,
    /** Ticks between exchanges: the network's minimum delay. */
    readonly ticksPerWindow: number,
  ) {
    this.control = new Int32Array(buffers.control);
    this.argument = new Float64Array(buffers.argument);
    this.spikes = buffers.spikes.map((pair) => pair.map((b) => new Uint32Array(b)));
    this.starts = buffers.starts.map((pair) => pair.map((b) => new Int32Array(b)));
    const pops = sim.network.populations;
    this.gathered = new Int32Array(pops.length + 1);
    this.isSource = pops.map((p) => p.kind !== 'neuron');
  }

  /** Waits until every share has arrived; throws when one has failed. */
  barrier(): void {
    const c = this.control;
    const generation = Atomics.load(c, GENERATION);
    if (Atomics.add(c, COUNT, 1) === this.shares - 1) {
      Atomics.store(c, COUNT, 0);
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
      return;
    }
    let spins = 0;
    while (Atomics.load(c, GENERATION) === generation) {
      if (Atomics.load(c, FAILED) !== 0) throw this.failure();
      if (spins++ < this.spin) continue;
      Atomics.wait(c, GENERATION, generation, 1000);
    }
  }

  private failure(): Error {
    return new Error(
      `engine thread ${Atomics.load(this.control, FAILED) - 1} failed; the run cannot go on`,
    );
  }

  /** Marks this share failed and wakes every thread waiting on it. */
  fail(): void {
    Atomics.store(this.control, FAILED, this.share + 1);
    Atomics.notify(this.control, GENERATION);
    Atomics.notify(this.control, COMMAND_GENERATION);
  }

  /** `ticks` ticks (at most the window) of this share, then their exchange and delivery. */
  private window(ticks: number): void {
    const sim = this.sim;
    const parity = this.windows++ & 1;
    const P1 = this.isSource.length + 1;
    const first = sim.tick;
    const ownSpikes = this.spikes[this.share]![parity]!;
    const ownStarts = this.starts[this.share]![parity]!;
    const capacity = Math.floor(ownSpikes.length / this.ticksPerWindow);
    const buffer = sim.spikeBuffer;
    for (let k = 0; k < ticks; k++) {
      const count = sim.updatePhase();
      // element by element: a tick has few spikes, and a subarray would be an allocation per tick
      const at = k * capacity;
      for (let s = 0; s < count; s++) ownSpikes[at + s] = buffer[s]!;
      ownStarts.set(sim.ownStarts, k * P1);
    }
    this.barrier();
    // every share's spikes of each tick, population by population: the whole network's order
    const out = buffer;
    const all = this.gathered;
    for (let k = 0; k < ticks; k++) {
      let n = 0;
      for (let p = 0; p < P1 - 1; p++) {
        all[p] = n;
        const last = this.isSource[p] ? 0 : this.shares - 1;
        for (let j = 0; j <= last; j++) {
          const st = this.starts[j]![parity]!;
          const from = st[k * P1 + p]!;
          const to = st[k * P1 + p + 1]!;
          if (to > from) {
            const region = this.spikes[j]![parity]!;
            const base = k * Math.floor(region.length / this.ticksPerWindow);
            for (let s = base + from; s < base + to; s++) out[n++] = region[s]!;
          }
        }
      }
      all[P1 - 1] = n;
      sim.deliverPhase(all, first + k);
    }
  }

  /** Runs `ticks` ticks, exchanging spikes once per window. */
  run(ticks: number): void {
    for (let done = 0; done < ticks; ) {
      const w = Math.min(this.ticksPerWindow, ticks - done);
      this.window(w);
      done += w;
    }
  }

  /** Writes this share's counts where share 0 reads them. */
  publishCounts(): void {
    const c = this.sim.counts();
    const out = new Float64Array(this.buffers.counts[this.share]!);
    out[0] = c.ticks;
    const P = c.populations.length;
    c.populations.forEach((p, i) => {
      out[1 + i] = p.neuronUpdates;
      out[1 + P + i] = p.spikes;
      out[1 + 2 * P + i] = p.synapticEvents;
      out[1 + 3 * P + i] = p.externalEvents;
    });
    c.projections.forEach((q, i) => {
      out[1 + 4 * P + i] = q.synapticEvents;
    });
  }

  /** Executes one command (both sides call it: share 0 after posting it) and its closing barrier. */
  execute(command: number, argument: number): void {
    if (command === Command.run) this.run(argument);
    else if (command === Command.reset) this.sim.reset({ seed: argument });
    else if (command === Command.counts) this.publishCounts();
    this.barrier();
  }

  /** Share 0: posts a command to the others, then executes it. */
  post(command: number, argument = 0): void {
    const c = this.control;
    if (Atomics.load(c, FAILED) !== 0) throw this.failure();
    this.argument[0] = argument;
    Atomics.store(c, COMMAND, command);
    Atomics.add(c, COMMAND_GENERATION, 1);
    Atomics.notify(c, COMMAND_GENERATION);
    this.execute(command, argument);
  }

  /** Shares 1…: waits for commands and executes them until exit. */
  serve(): void {
    const c = this.control;
    for (;;) {
      while (Atomics.load(c, COMMAND_GENERATION) === this.commandsSeen) {
        if (Atomics.load(c, FAILED) !== 0) return;
        Atomics.wait(c, COMMAND_GENERATION, this.commandsSeen, 1000);
      }
      this.commandsSeen++;
      const command = Atomics.load(c, COMMAND);
      this.execute(command, this.argument[0]!);
      if (command === Command.exit) return;
    }
  }

  /** Share 0: the sum of every share's counts (sources counted once: every share emits them). */
  totalCounts(): Counts {
    this.post(Command.counts);
    const own = this.sim.counts();
    const P = own.populations.length;
    const shares = this.buffers.counts.map((b) => new Float64Array(b));
    const sum = (slot: number, sourceOnce: boolean) =>
      sourceOnce ? shares[0]![slot]! : shares.reduce((s, a) => s + a[slot]!, 0);
    const populations = own.populations.map((p, i) => ({
      label: p.label,
      neuronUpdates: sum(1 + i, false),
      spikes: sum(1 + P + i, this.isSource[i]!),
      synapticEvents: sum(1 + 2 * P + i, false),
      externalEvents: sum(1 + 3 * P + i, false),
    }));
    const total = (f: (p: (typeof populations)[number]) => number) =>
      populations.reduce((s, p) => s + f(p), 0);
    return {
      ticks: own.ticks,
      neuronUpdates: total((p) => p.neuronUpdates),
      spikes: total((p) => p.spikes),
      synapticEvents: total((p) => p.synapticEvents),
      externalEvents: total((p) => p.externalEvents),
      populations,
      projections: own.projections.map((q, i) => ({
        label: q.label,
        synapticEvents: sum(1 + 4 * P + i, false),
      })),
    };
  }
}
