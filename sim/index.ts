/** The spiking engine's public API: build a network from a spec, simulate it, listen to its spikes. */

export * from './encode/index.ts';
export { Arena, type ArenaAllocator, type ArenaEntry, ArenaPlan } from './engine/arena.ts';
export type { Counts, PopulationCounts } from './engine/counters.ts';
export { deliver } from './engine/deliver.ts';
export { type FiringStats, IsiStats } from './engine/isi-stats.ts';
export type { SpikeListener } from './engine/listener.ts';
export {
  RateMonitor,
  SpikeMonitor,
  type SpikeRecord,
  StateMonitor,
  spikeTimes,
} from './engine/monitors.ts';
export { Simulator } from './engine/simulator.ts';
export type { RunOptions, RunResult, SimulatorOptions } from './engine/simulator-options.ts';
export { type SpikeSink, SpikeStream } from './engine/spike-stream.ts';
export {
  exportNetwork,
  networkJsonSchema,
  networkToJson,
  parseNetworkJson,
  validateNetworkSpec,
} from './io/network-json.ts';
export { readSpikeFile, spikeFileHeader } from './io/spike-file.ts';
export {
  brunel,
  coba,
  cuba,
  type ReferenceOptions,
  referenceModels,
  referenceNetwork,
} from './models/index.ts';
export { type BuildOptions, buildNetwork, bytesPerSynapse } from './network/build.ts';
export type {
  ArraySourcePopulation,
  Network,
  NetworkShape,
  NeuronPopulation,
  PoissonSourcePopulation,
  Population,
  PopulationShape,
  Projection,
  ProjectionShape,
} from './network/network.ts';
export * from './network/spec.ts';
export { neuronModel, neuronModelNames, neuronModels } from './neurons/index.ts';
export type {
  NeuronModel,
  NeuronState,
  ParamSpec,
  Receptor,
  StateArray,
  UpdateKernel,
} from './neurons/types.ts';
export {
  type SimulateAsyncOptions,
  type SimulateOptions,
  type SimulationSummary,
  simulateSpec,
  simulateSpecAsync,
} from './run.ts';
export { type SimulateCall, simulate } from './simulate.ts';
