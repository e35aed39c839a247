/**
 * Spike listeners take part in the tick loop after threshold/reset: once per
 * tick they see the global ids of the neurons (sources included) that spiked
 * in it. The `ids` array is the engine's own and is overwritten next tick:
 * copy what you keep. Monitors, file writers and hardware models are listeners.
 */
export interface SpikeListener {
  onSpikes(tick: number, ids: Uint32Array, count: number): void;
  /** Called by Simulator.reset(), so the listener can clear what it accumulated. */
  onReset?(): void;
}
