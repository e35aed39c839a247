/**
 * What a simulation sends back to the page. Bulk data are typed arrays whose
 * buffers are transferred (moved, not copied); the rest is small plain data.
 */

import type { SimulationSummary } from '../../sim/run.ts';
import type { HardwareOutcome } from './hardware-run.ts';
import type { TraceData } from './traces.ts';

export interface PopulationInfo {
  label: string;
  model: string;
  kind: 'neuron' | 'poisson' | 'array';
  size: number;
  /** Global id of the first neuron. */
  offset: number;
}

export interface SpikeData {
  /** Tick of each recorded spike, ascending (time = tick · dt). */
  ticks: Uint32Array;
  /** Global neuron id of each recorded spike. */
  ids: Uint32Array;
  /** Spikes emitted, sources included (≥ recorded when the cap was hit). */
  total: number;
  truncated: boolean;
}

export interface RateData {
  binMs: number;
  bins: number;
  /** Rate (Hz) of population p in bin b: values[p · bins + b]. */
  values: Float32Array;
}

export interface SimResult {
  /** Name shown in the page: the reference model or the file name. */
  name: string;
  dt: number;
  /** Simulated time asked for; summary.durationMs is what ran (less when cancelled). */
  requestedMs: number;
  size: number;
  populations: PopulationInfo[];
  summary: SimulationSummary;
  spikes: SpikeData;
  rates: RateData;
  traces: TraceData;
  hardware: HardwareOutcome | null;
  /** Why the run is on fewer threads than the cores, or what it lacks on threads (traces); null: nothing to say. */
  threadNote: string | null;
}

export interface SimProgress {
  phase: 'build' | 'map' | 'simulate';
  doneTicks: number;
  totalTicks: number;
  spikes: number;
}

export type SimResponse =
  | { ok: true; result: SimResult }
  | { ok: false; error: { code: string; message: string } };

/** The buffers of a result that move to the page. */
export function transferables(r: SimResult): ArrayBuffer[] {
  return [r.spikes.ticks, r.spikes.ids, r.rates.values, r.traces.values].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
