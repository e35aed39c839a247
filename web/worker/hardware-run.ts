/**
 * Counting a run on a platform: map the built network (delays on the chip's
 * tick), listen to the engine through the platform clock, report afterwards.
 * A network the platform cannot hold yields an error for the hardware panel
 * alone; the simulation itself still runs.
 */

import type { Simulator } from '../../sim/engine/simulator.ts';
import type { MappedNetwork } from '../../sim/hardware/map.ts';
import { createCounter } from '../../sim/hardware/map.ts';
import { onPlatformClock, PlatformClock } from '../../sim/hardware/platform-clock.ts';
import { mapOnto } from '../../sim/hardware/platform-run.ts';
import { platform } from '../../sim/hardware/platforms.ts';
import { type HardwareReport, hardwareReport } from '../../sim/hardware/report.ts';
import { isSpikelabError } from '../../src/core/errors.ts';

export interface ErrorInfo {
  code: string;
  message: string;
}

export function errorInfo(e: unknown): ErrorInfo {
  if (isSpikelabError(e)) return { code: e.code, message: e.message };
  if (e instanceof RangeError) return { code: 'TOO_LARGE', message: `out of memory: ${e.message}` };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export interface HardwareOutcome {
  platform: string;
  platformName: string;
  report: HardwareReport | null;
  error: ErrorInfo | null;
  mapSeconds: number;
}

export class HardwareRun {
  private mapped: MappedNetwork | null = null;
  private clock: PlatformClock | null = null;
  private error: ErrorInfo | null = null;
  private mapSeconds = 0;
  readonly platformName: string;

  constructor(
    readonly platformId: string,
    readonly budgetBytes: number,
  ) {
    this.platformName = platform(platformId).name;
  }

  /** Maps the simulator's network and attaches the counter (call before the first tick). */
  attach(sim: Simulator): void {
    const t0 = performance.now();
    const p = platform(this.platformId);
    const net = sim.network;
    try {
      const sources = net.populations.flatMap((x, i) => (x.kind === 'neuron' ? [] : [i]));
      this.mapped = mapOnto(onPlatformClock(net, net.dt, p.timing.tickMs), p, {
        sources,
        budgetBytes: this.budgetBytes,
      });
      this.clock = new PlatformClock(createCounter(this.mapped), net.dt, p.timing.tickMs);
      sim.addListener(this.clock);
    } catch (e) {
      this.error = errorInfo(e);
    }
    this.mapSeconds = (performance.now() - t0) / 1000;
  }

  finish(engineTicks: number): HardwareOutcome {
    let report: HardwareReport | null = null;
    if (this.mapped && this.clock) {
      this.clock.finish(engineTicks);
      report = hardwareReport(this.mapped, this.clock.counter);
    }
    return {
      platform: this.platformId,
      platformName: this.platformName,
      report,
      error: this.error,
      mapSeconds: this.mapSeconds,
    };
  }
}
