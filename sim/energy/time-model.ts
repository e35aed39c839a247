/**
 * How long a run takes on a device: the time that static power is paid
 * for, and the delay of the energy-delay product (Davies et al. 2021,
 * Proc. IEEE 109:911, compare chips and CPUs/GPUs on energy and delay
 * together). Three models, one per kind of device:
 *
 * - `fixed-tick`: the chip advances on a fixed real-time clock whatever its
 *   load (TrueNorth's global 1 kHz tick, SpiNNaker's 1 ms timer); a run of
 *   n ticks lasts n ticks. A tick whose busiest core overruns its budget
 *   does not stretch the tick: the run is then not real-time, which the
 *   hardware report says beside it.
 * - `busiest-core`: the chip has no global clock; a time step ends when
 *   every core has processed its events and the mesh has passed a barrier
 *   (Loihi: asynchronous cores, barrier synchronisation per algorithmic
 *   time step, Davies et al. 2018, IEEE Micro 38:82). Each tick lasts the
 *   busiest core's events × the time per event, plus the barrier.
 * - `roofline`: a conventional processor running a rate network: the larger
 *   of its operations at the peak rate and its memory traffic at the peak
 *   bandwidth (Williams et al. 2009, Commun. ACM 52:65). Peak figures make
 *   it a lower bound on the time, and so on the static energy.
 */
import type { CostStatus } from './provenance.ts';

/** A published or derived figure with its provenance (provenance.ts). */
export interface Figure {
  readonly value: number;
  readonly status: CostStatus;
  readonly source: string;
  readonly note?: string;
}

export interface FixedTickTime {
  readonly kind: 'fixed-tick';
  /** Seconds per tick. */
  readonly tick: Figure;
}

/** Seconds one core spends on each event of a tick. */
export interface CoreStepCost {
  readonly perSynapticEvent: number;
  readonly perNeuronUpdate: number;
  /** Added for a neuron that spikes in the tick (active − inactive update). */
  readonly perSpike: number;
}

export interface BusiestCoreTime {
  readonly kind: 'busiest-core';
  readonly synapticEvent: Figure;
  readonly neuronUpdate: Figure;
  /** Extra time of a neuron that spikes in the tick. */
  readonly spike: Figure;
  /** Barrier of one tile, and of all tiles of one chip (interpolated linearly in tiles between). */
  readonly barrierOneTile: Figure;
  readonly barrierOneChip: Figure;
  readonly tilesPerChip: number;
}

export interface RooflineTime {
  readonly kind: 'roofline';
  /** Multiply–accumulates per second of one core (peak). */
  readonly macsPerSecondPerCore: Figure;
  /** Bytes per second from the memory the weights stream from (peak). */
  readonly bytesPerSecond: Figure;
}

export type TimeModel = FixedTickTime | BusiestCoreTime | RooflineTime;

/** The per-event costs a hardware counter accumulates for a busiest-core model. */
export function coreStepCost(m: BusiestCoreTime): CoreStepCost {
  return {
    perSynapticEvent: m.synapticEvent.value,
    perNeuronUpdate: m.neuronUpdate.value,
    perSpike: m.spike.value,
  };
}

/**
 * Barrier time of a run on `tiles` tiles: Davies 2018 gives 113 ns for one
 * tile to 465 ns for a chip's 32; between them the barrier is taken as
 * linear in tiles (a modelling choice). Beyond one chip no per-tile figure
 * exists, so the one-chip value is kept and flagged as a lower bound.
 */
export function barrierSeconds(
  m: BusiestCoreTime,
  tiles: number,
): { seconds: number; lowerBound: boolean } {
  const one = m.barrierOneTile.value;
  const chip = m.barrierOneChip.value;
  if (tiles <= 1) return { seconds: one, lowerBound: false };
  if (tiles > m.tilesPerChip) return { seconds: chip, lowerBound: true };
  return {
    seconds: one + ((tiles - 1) * (chip - one)) / (m.tilesPerChip - 1),
    lowerBound: false,
  };
}

/** Seconds of one inference of `macs` operations and `bytes` streamed, on `cores` cores. */
export function rooflineSeconds(m: RooflineTime, macs: number, bytes: number, cores = 1): number {
  return Math.max(macs / (m.macsPerSecondPerCore.value * cores), bytes / m.bytesPerSecond.value);
}

/** The papers a time model rests on, for reports. */
export function timeSource(m: TimeModel): string {
  switch (m.kind) {
    case 'fixed-tick':
      return m.tick.source;
    case 'busiest-core':
      return [
        ...new Set([m.synapticEvent.source, m.neuronUpdate.source, m.barrierOneTile.source]),
      ].join('; ');
    case 'roofline':
      return [...new Set([m.macsPerSecondPerCore.source, m.bytesPerSecond.source])].join('; ');
  }
}
