/**
 * The engine ticks every dt (0.1 ms for the reference models); the modelled
 * chips tick every `timing.tickMs` (1 ms on TrueNorth, SpiNNaker and Loihi).
 * A network simulated at a finer dt is counted as the chip would run it:
 *
 * - delays are re-expressed in platform ticks, round(d · dt / tickMs), at
 *   least one (the chip's minimum), before mapping, so delay limits and
 *   TrueNorth's per-delay axons are judged on the chip's grid;
 * - spikes of the engine ticks inside one platform tick are counted in that
 *   tick (its synaptic load, its real-time budget); neuron updates, static
 *   energy and duration follow the platform ticks.
 *
 * When dt equals tickMs both are the identity.
 */

import type { HardwareCounter } from './event-counter.ts';
import type { NetworkShape, ProjectionShape, SpikeListener } from './network-shape.ts';

/** Engine ticks per platform tick (≥ 1), or a fraction when dt > tickMs. */
function ticksPer(dt: number, tickMs: number): number {
  const r = tickMs / dt;
  const rounded = Math.round(r);
  // dt = 0.1 gives 1 / 0.1 = 10.000000000000002: snap ratios that are integers up to rounding
  return Math.abs(r - rounded) < 1e-9 * r ? rounded : r;
}

/** The network with every delay in platform ticks (connectivity shared, delays copied). */
export function onPlatformClock(net: NetworkShape, dt: number, tickMs: number): NetworkShape {
  const per = ticksPer(dt, tickMs);
  if (per === 1) return net;
  return {
    populations: net.populations,
    projections: net.projections.map((p): ProjectionShape => {
      const delays = new Uint16Array(p.delays.length);
      for (let s = 0; s < delays.length; s++)
        delays[s] = Math.max(1, Math.round(p.delays[s]! / per));
      return { ...p, delays };
    }),
  };
}

/** Passes spikes to a hardware counter stamped with the platform tick they fall in. */
export class PlatformClock implements SpikeListener {
  private readonly per: number;

  constructor(
    readonly counter: HardwareCounter,
    dt: number,
    tickMs: number,
  ) {
    this.per = ticksPer(dt, tickMs);
  }

  /** The platform tick of an engine tick. */
  platformTick(tick: number): number {
    return Math.floor(tick / this.per);
  }

  onSpikes(tick: number, ids: Uint32Array, count: number): void {
    this.counter.onSpikes(this.platformTick(tick), ids, count);
  }

  /** The engine was reset: the counter carries on after the ticks it has counted, as it does without a clock. */
  onReset(): void {
    this.counter.onReset();
  }

  /** Closes the counter after `engineTicks` engine ticks: the platform ticks they cover (a partial one counts). */
  finish(engineTicks: number): void {
    this.counter.finish(Math.ceil(engineTicks / this.per - 1e-9));
  }
}
