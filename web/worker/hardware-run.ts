/**
 * Counting a run on a platform: prepare the simulator's network on it
 * (sim/hardware/platform-run.ts: delays on the chip's tick, the counter
 * behind the platform clock), listen to the engine, report afterwards. The
 * engine runs the network as given, so TrueNorth counts it on the
 * per-axon-type mapping, never a deployment (which would be another
 * network). A network the platform cannot hold yields an error for the
 * hardware panel alone; the simulation itself still runs.
 */

import type { SpikeListener } from '../../sim/engine/listener.ts';
import {
  type PlatformRun,
  platformReport,
  preparePlatformRun,
} from '../../sim/hardware/platform-run.ts';
import { platform } from '../../sim/hardware/platforms.ts';
import type { HardwareReport } from '../../sim/hardware/report.ts';
import type { Network } from '../../sim/network/network.ts';
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
  private run: PlatformRun | null = null;
  private error: ErrorInfo | null = null;
  private mapSeconds = 0;
  readonly platformName: string;

  constructor(
    readonly platformId: string,
    readonly budgetBytes: number,
  ) {
    this.platformName = platform(platformId).name;
  }

  /**
   * Prepares the simulator's network and attaches the counter (call before
   * the first tick). A listener sees every spike on one thread or many; the
   * mapping reads the network's connectivity, which must still be there.
   */
  attach(sim: { readonly network: Network; addListener(l: SpikeListener): void }): void {
    const t0 = performance.now();
    try {
      const run = preparePlatformRun(sim.network, this.platformId, {
        budgetBytes: this.budgetBytes,
        truenorth: { deploy: 'never' },
      });
      this.run = run;
      if (run.clock) sim.addListener(run.clock);
      if (run.notMapped) this.error = errorInfo(run.notMapped);
    } catch (e) {
      this.error = errorInfo(e);
    }
    this.mapSeconds = this.run?.mapSeconds ?? (performance.now() - t0) / 1000;
  }

  finish(engineTicks: number): HardwareOutcome {
    return {
      platform: this.platformId,
      platformName: this.platformName,
      report: this.run ? platformReport(this.run, engineTicks) : null,
      error: this.error,
      mapSeconds: this.mapSeconds,
    };
  }
}
