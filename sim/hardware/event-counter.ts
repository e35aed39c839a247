/**
 * The hardware event counter: a spike listener that, for each spike the
 * engine reports, adds what the platform would do — packets from each source
 * core, copies delivered to target cores, link traversals, synaptic events
 * per core, relay neurons' work — and tracks the busiest core's worst tick
 * against the real-time budget.
 *
 * Everything a spike causes is fixed per neuron, so the per-spike path adds
 * precomputed per-neuron totals (traffic.ts `perSpike`) and counts the spike
 * against its neuron; only the per-tick load of each target core (needed for
 * the real-time verdict) walks a CSR row. Per-core and per-link totals are
 * derived from the neuron spike counts when asked for. No allocation, no Map,
 * no closure per spike.
 *
 * Synaptic load is attributed to the tick the spike was emitted in, which is
 * when SpiNNaker processes the incoming packet's synaptic row (delays are
 * applied afterwards, in the target's input ring buffer).
 *
 * With a step cost (a platform whose time step ends when its busiest core
 * is done, time-model.ts `busiest-core`), it also sums, tick by tick, the
 * seconds of the busiest core: its neuron updates, its synaptic events and
 * its spiking neurons at the per-event times.
 *
 * Runs accumulate: after the engine's `reset()` (one run per input sample,
 * say) the next run's tick t is counted after the ticks already seen, so
 * one report covers every sample and energy per inference is its energy
 * divided by the samples. The engine reports every tick, so nothing is
 * missed; a caller that skips empty ticks calls `finish(ticks)` before
 * resetting.
 */

import { SpikelabError } from '../../src/core/errors.ts';
import type { CoreStepCost } from '../energy/time-model.ts';
import { type CoreTotals, coreTotals, linkLoads } from './counter-totals.ts';
import type { SpikeListener } from './network-shape.ts';
import type { TrafficPlan } from './traffic.ts';

/**
 * What a counter has counted, as plain data (typed arrays and numbers, so it
 * crosses to another thread by structured clone): `append` adds it to a
 * counter of the same mapping.
 */
export interface CounterSnapshot {
  readonly neurons: number;
  readonly totals: Readonly<Record<(typeof TOTALS)[number], number>>;
  readonly hopsByAxis: Float64Array;
  readonly ticks: number;
  readonly neuronSpikes: Float64Array;
  readonly worstLoad: number;
  readonly worstCore: number;
  readonly worstTick: number;
  readonly tickSpikes: Float64Array;
  readonly tickEvents: Float64Array;
  /** Σ over ticks of (busiest core's seconds − the slowest idle core's); 0 without a step cost. */
  readonly busyExtraSeconds: number;
}

const TOTALS = [
  'spikes',
  'relaySpikes',
  'synapticEvents',
  'relaySynapticEvents',
  'packets',
  'deliveries',
  'hops',
  'chipCrossings',
] as const;

export class HardwareCounter implements SpikeListener {
  spikes = 0;
  /** Spikes of relay (splitter) neurons: hardware-only. */
  relaySpikes = 0;
  /** Synaptic events of the network (spike × synapse), as the engine counts them. */
  synapticEvents = 0;
  /** Hardware-only synaptic events on relay cores (one per splitter). */
  relaySynapticEvents = 0;
  packets = 0;
  deliveries = 0;
  hops = 0;
  readonly hopsByAxis = new Float64Array(3);
  chipCrossings = 0;
  /** Ticks accounted so far (ticks 0 .. ticks − 1). */
  ticks = 0;
  /** Spikes of each neuron so far. */
  readonly neuronSpikes: Float64Array;

  /** Largest synaptic load of one core in one tick, and where it happened. */
  worstLoad = 0;
  worstCore = -1;
  worstTick = -1;

  private tickSpikeSeries: Float64Array;
  private tickEventSeries: Float64Array;
  /** Step cost: each core's seconds per tick without events, their maximum, and the excess of busy ticks over it. */
  private readonly coreBaseSeconds: Float64Array | null;
  private readonly maxBaseSeconds: number;
  private busyExtraSeconds = 0;
  private readonly tickCoreSpikes: Float64Array;
  private readonly tickLoad: Float64Array;
  private readonly tickTouched: Uint32Array;
  private readonly tickStamp: Int32Array;
  private nTouched = 0;
  private openTick = -1;
  /** Ticks of the runs before the last reset: tick t of the current run is counted as base + t. */
  private base = 0;

  constructor(
    readonly plan: TrafficPlan,
    readonly stepCost: CoreStepCost | null = null,
  ) {
    const c = plan.cores;
    this.neuronSpikes = new Float64Array(plan.neurons);
    let maxBase = 0;
    if (stepCost) {
      this.coreBaseSeconds = new Float64Array(c);
      for (let k = 0; k < c; k++) {
        this.coreBaseSeconds[k] = plan.updatesPerCore[k]! * stepCost.perNeuronUpdate;
        maxBase = Math.max(maxBase, this.coreBaseSeconds[k]!);
      }
    } else {
      this.coreBaseSeconds = null;
    }
    this.maxBaseSeconds = maxBase;
    this.tickCoreSpikes = new Float64Array(stepCost ? c : 0);
    this.tickLoad = new Float64Array(c);
    this.tickTouched = new Uint32Array(c);
    this.tickStamp = new Int32Array(c).fill(-1);
    this.tickSpikeSeries = new Float64Array(1024);
    this.tickEventSeries = new Float64Array(1024);
  }

  onSpikes(runTick: number, ids: Uint32Array, count: number): void {
    const tick = this.base + runTick;
    if (tick !== this.openTick) this.advanceTo(tick);
    const p = this.plan;
    const ps = p.perSpike;
    const { eventStart, eventCore, eventCount, relaySpikes, relayCore, coreOf, updated } = p;
    const { neuronSpikes, tickStamp, tickLoad, tickTouched, tickCoreSpikes } = this;
    const timed = this.coreBaseSeconds !== null;
    // totals in locals, written back once: fields would be stored per spike
    let packets = 0;
    let deliveries = 0;
    let h0 = 0;
    let h1 = 0;
    let h2 = 0;
    let chipCrossings = 0;
    let events = 0;
    let relays = 0;
    let touched = this.nTouched;
    for (let k = 0; k < count; k++) {
      const v = ids[k]!;
      neuronSpikes[v]!++;
      packets += ps.packets[v]!;
      deliveries += ps.deliveries[v]!;
      h0 += ps.hopsAxis[3 * v]!;
      h1 += ps.hopsAxis[3 * v + 1]!;
      h2 += ps.hopsAxis[3 * v + 2]!;
      chipCrossings += ps.chipCrossings[v]!;
      events += ps.synapticEvents[v]!;
      // a spike source is never updated, so its spike costs no active update
      if (timed && updated[v] === 1) {
        const own = coreOf[v]!;
        if (tickStamp[own] !== tick) {
          tickStamp[own] = tick;
          tickLoad[own] = 0;
          tickCoreSpikes[own] = 0;
          tickTouched[touched++] = own;
        }
        tickCoreSpikes[own]!++;
      }
      const r = relaySpikes[v]!;
      const last = eventStart[v + 1]!;
      for (let e = eventStart[v]!; e <= last; e++) {
        // e = last stands for the relay core's load, when the neuron has relays
        const core = e < last ? eventCore[e]! : relayCore[v]!;
        const m = e < last ? eventCount[e]! : r;
        if (m === 0) continue;
        if (tickStamp[core] !== tick) {
          tickStamp[core] = tick;
          tickLoad[core] = 0;
          if (timed) tickCoreSpikes[core] = 0;
          tickTouched[touched++] = core;
        }
        tickLoad[core]! += m;
      }
      relays += r;
    }
    this.nTouched = touched;
    this.packets += packets;
    this.deliveries += deliveries;
    this.hopsByAxis[0]! += h0;
    this.hopsByAxis[1]! += h1;
    this.hopsByAxis[2]! += h2;
    this.hops += h0 + h1 + h2;
    this.chipCrossings += chipCrossings;
    this.synapticEvents += events;
    this.relaySpikes += relays;
    this.relaySynapticEvents += relays;
    this.spikes += count;
    this.tickSpikeSeries[tick]! += count;
    this.tickEventSeries[tick]! += events + relays;
  }

  /**
   * Closes the run at `totalTicks` (ticks 0 .. totalTicks − 1 of the current
   * run were simulated): accounts neuron updates of ticks without spikes and
   * the last tick's load.
   */
  finish(totalTicks: number): void {
    const end = this.base + totalTicks;
    if (end > this.ticks) this.advanceTo(end - 1);
    this.closeTick();
    this.openTick = -1;
  }

  /** The engine was reset: the next run continues after the ticks counted so far. */
  onReset(): void {
    this.closeTick();
    this.openTick = -1;
    this.base = this.ticks;
  }

  /** What was counted so far (call `finish` first), to `append` to another counter of the same mapping. */
  snapshot(): CounterSnapshot {
    const totals = {} as Record<(typeof TOTALS)[number], number>;
    for (const k of TOTALS) totals[k] = this[k];
    return {
      neurons: this.plan.neurons,
      totals,
      hopsByAxis: this.hopsByAxis.slice(),
      ticks: this.ticks,
      neuronSpikes: this.neuronSpikes.slice(),
      worstLoad: this.worstLoad,
      worstCore: this.worstCore,
      worstTick: this.worstTick,
      tickSpikes: this.tickSpikeSeries.slice(0, this.ticks),
      tickEvents: this.tickEventSeries.slice(0, this.ticks),
      busyExtraSeconds: this.busyExtraSeconds,
    };
  }

  /**
   * Adds a run counted elsewhere (another thread, the same mapping) as if it
   * had followed this counter's ticks: totals and spike counts add, its tick
   * series goes after this one's, and its worst tick counts from there (a tie
   * keeps the earlier, as one counter over both runs would). Call `finish`
   * on both first; the current run then extends over both (a later
   * `finish(ticks)` counts from the same start).
   */
  append(s: CounterSnapshot): void {
    if (s.neurons !== this.plan.neurons) {
      throw new SpikelabError(
        'SHAPE_MISMATCH',
        `counter snapshot: ${s.neurons} neurons; allowed: a snapshot of the same mapping (${this.plan.neurons} neurons)`,
      );
    }
    this.closeTick();
    this.openTick = -1;
    for (const k of TOTALS) this[k] += s.totals[k];
    this.busyExtraSeconds += s.busyExtraSeconds;
    for (let a = 0; a < 3; a++) this.hopsByAxis[a]! += s.hopsByAxis[a]!;
    for (let v = 0; v < s.neurons; v++) this.neuronSpikes[v]! += s.neuronSpikes[v]!;
    const offset = this.ticks;
    if (s.worstLoad > this.worstLoad) {
      this.worstLoad = s.worstLoad;
      this.worstCore = s.worstCore;
      this.worstTick = offset + s.worstTick;
    }
    this.ticks = offset + s.ticks;
    if (this.ticks > this.tickSpikeSeries.length) this.growSeries(this.ticks);
    this.tickSpikeSeries.set(s.tickSpikes, offset);
    this.tickEventSeries.set(s.tickEvents, offset);
  }

  /** The network's neuron updates so far (spike sources and relays excluded), as the engine counts them. */
  get neuronUpdates(): number {
    return this.ticks * this.plan.networkUpdatesPerTick;
  }

  /** Updates of relay (splitter) neurons: hardware-only. */
  get relayNeuronUpdates(): number {
    return this.ticks * (this.plan.updatesPerTick - this.plan.networkUpdatesPerTick);
  }

  /**
   * With a step cost: Σ over the ticks so far of the busiest core's seconds
   * in that tick (call `finish` first); null without one.
   */
  get busiestCoreSeconds(): number | null {
    if (this.coreBaseSeconds === null) return null;
    return this.ticks * this.maxBaseSeconds + this.busyExtraSeconds;
  }

  /** With a step cost: the seconds of a tick without spikes (the slowest core's neuron updates); null without one. */
  get idleStepSeconds(): number | null {
    return this.coreBaseSeconds === null ? null : this.maxBaseSeconds;
  }

  coreNeuronUpdates(core: number): number {
    return this.ticks * this.plan.updatesPerCore[core]!;
  }

  /** Per-tick totals of spikes and synaptic events (network + relay) for ticks 0 .. ticks − 1. */
  tickSeries(): { spikes: Float64Array; synapticEvents: Float64Array } {
    return {
      spikes: this.tickSpikeSeries.subarray(0, this.ticks),
      synapticEvents: this.tickEventSeries.subarray(0, this.ticks),
    };
  }

  /** Totals per core, from the neuron spike counts (for reports, not per tick; counter-totals.ts). */
  perCore(): CoreTotals {
    return coreTotals(this.plan, this.neuronSpikes);
  }

  /** Packets that crossed each directed link (index `node * degree + port`). */
  linkLoads(): Float64Array {
    return linkLoads(this.plan, this.neuronSpikes);
  }

  /** Ends the open tick and opens `tick` (ticks must not go backwards). */
  private advanceTo(tick: number): void {
    if (tick < this.ticks - 1 || (tick === this.ticks - 1 && tick !== this.openTick)) {
      throw new SpikelabError(
        'INVALID_ARGUMENT',
        `onSpikes tick: got ${tick - this.base} after tick ${this.ticks - 1 - this.base}; allowed: ticks that do not go backwards`,
      );
    }
    this.closeTick();
    this.ticks = Math.max(this.ticks, tick + 1);
    if (this.ticks > this.tickSpikeSeries.length) this.growSeries(this.ticks);
    this.openTick = tick;
  }

  private closeTick(): void {
    const base = this.coreBaseSeconds;
    const cost = this.stepCost;
    let busiest = this.maxBaseSeconds;
    for (let i = 0; i < this.nTouched; i++) {
      const c = this.tickTouched[i]!;
      if (this.tickLoad[c]! > this.worstLoad) {
        this.worstLoad = this.tickLoad[c]!;
        this.worstCore = c;
        this.worstTick = this.openTick;
      }
      if (base !== null) {
        const t =
          base[c]! +
          this.tickLoad[c]! * cost!.perSynapticEvent +
          this.tickCoreSpikes[c]! * cost!.perSpike;
        if (t > busiest) busiest = t;
      }
    }
    this.busyExtraSeconds += busiest - this.maxBaseSeconds;
    this.nTouched = 0;
  }

  /** Doubling growth of the per-tick series: amortised, once per power of two ticks. */
  private growSeries(min: number): void {
    let size = this.tickSpikeSeries.length;
    while (size < min) size *= 2;
    const s = new Float64Array(size);
    const e = new Float64Array(size);
    s.set(this.tickSpikeSeries);
    e.set(this.tickEventSeries);
    this.tickSpikeSeries = s;
    this.tickEventSeries = e;
  }
}
