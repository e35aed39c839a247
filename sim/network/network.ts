/**
 * A built network: populations laid out one after another in a global
 * numbering (neuron g of population p is p.offset + local index), and
 * projections stored as CSR typed arrays by presynaptic neuron. Everything the
 * engine needs is here; the engine adds only dynamic state, so one built
 * network can be simulated many times (Simulator.reset) or by several engines.
 */
import { invalid } from '../../src/core/errors.ts';
import type { NeuronModel, Receptor } from '../neurons/types.ts';
import type { NetworkSpec } from './spec.ts';

export type DelayArray = Uint8Array | Uint16Array;

export interface PoissonInput {
  /** Mean count per neuron per tick (rateHz · dt / 1000). */
  lambda: number;
  rateHz: number;
  weight: number;
  receptor: Receptor;
}

/** Step-current changes of one population, sorted by tick: at ticks[k], iOffset of the neurons gets deltas[k]. */
export interface StepCurrentEvents {
  ticks: Uint32Array;
  deltas: Float64Array;
  /** Neurons of event k: neurons[neuronStart[k] .. neuronStart[k+1]], or all when the range is empty. */
  neuronStart: Uint32Array;
  neurons: Uint32Array;
}

interface PopulationBase {
  label: string;
  size: number;
  /** Global index of the first neuron. */
  offset: number;
  /** Type name: a neuron model or SpikeSourcePoisson / SpikeSourceArray. */
  model: string;
}

export interface NeuronPopulation extends PopulationBase {
  kind: 'neuron';
  neuron: NeuronModel;
  /** Resolved parameters (defaults filled in); NaN for those given per neuron (see perNeuron). */
  params: Record<string, number>;
  /** Parameters given per neuron, by camelCase name. */
  perNeuron: Record<string, Float32Array>;
  /** The kernel's constants (propagators) for dt: one set, or constStride values per neuron. */
  consts: Float64Array;
  constStride: number;
  /** Initial value of each state variable per neuron, stored as the kernels store it (v relative to vRest). */
  initial: Float32Array[];
  /** The per-neuron constant current at time 0 (nA). */
  iOffset: Float32Array;
  poissonInput: PoissonInput[];
  stepCurrents: StepCurrentEvents | null;
  /**
   * A thread's share of a population (sim/engine/partition.ts): the index in
   * the whole population of this share's first neuron. Absent for a whole population.
   */
  sliceStart?: number;
}

/**
 * The rate limit of a spike source: at most one spike per tick, so rate·dt ≤ 1
 * (1/dt; 10 kHz at dt 0.1 ms). Higher rates would silently saturate.
 */
export function maxSourceRateHz(dt: number): number {
  return 1000 / dt;
}

/** Throws naming `field` unless 0 ≤ rate ≤ 1/dt. */
export function checkSourceRate(rate: number, dt: number, field: string): void {
  if (!(Number.isFinite(rate) && rate >= 0 && rate <= maxSourceRateHz(dt))) {
    throw invalid(
      field,
      rate,
      `a rate in [0, ${maxSourceRateHz(dt)}] Hz (one spike per tick at most; for denser input use poissonInput)`,
    );
  }
}

export interface PoissonSourcePopulation extends PopulationBase {
  kind: 'poisson';
  /** Rate per neuron at time 0 (Hz). */
  rates: Float32Array;
  startTick: number;
  /** First tick after the source stops. */
  endTick: number;
}

export interface ArraySourcePopulation extends PopulationBase {
  kind: 'array';
  /** All spikes sorted by tick (then id): tick and local id. */
  ticks: Uint32Array;
  ids: Uint32Array;
}

export type Population = NeuronPopulation | PoissonSourcePopulation | ArraySourcePopulation;

export interface Projection {
  label: string;
  /** Population indices. */
  pre: number;
  post: number;
  receptor: Receptor;
  /** CSR by presynaptic neuron: row i is rowStart[i] .. rowStart[i+1]. */
  rowStart: Uint32Array;
  /** Post-local target indices. */
  targets: Uint32Array;
  weights: Float32Array;
  /** Delays in ticks (≥ 1). */
  delays: DelayArray;
  /** The common delay in ticks when all synapses share one, else 0 (lets delivery skip the per-synapse lookup). */
  uniformDelay: number;
  /** The common weight (as stored, float32) when all synapses share one, else null. */
  uniformWeight: number | null;
  /** Input channel of each synapse when the post model has several (TrueNorth axon types), else null. */
  channels: Uint8Array | null;
  maxDelay: number;
}

/**
 * The read-only view of a network that structural readers need (the
 * hardware layer's mapping, exporters): a built Network is one, and so is a
 * hand-made object with just these fields (tests, networks from elsewhere).
 */
export type PopulationShape = Readonly<Pick<Population, 'label' | 'size' | 'offset'>>;
export type ProjectionShape = Readonly<
  Pick<Projection, 'pre' | 'post' | 'rowStart' | 'targets' | 'weights' | 'delays' | 'receptor'>
>;
export interface NetworkShape {
  readonly populations: readonly PopulationShape[];
  readonly projections: readonly ProjectionShape[];
}

export interface Network {
  dt: number;
  seed: number;
  populations: Population[];
  projections: Projection[];
  /** Total neurons over all populations (sources included). */
  size: number;
  synapses: number;
  /** Bytes held by the connectivity arrays. */
  connectivityBytes: number;
  spec: NetworkSpec;
}

/** Resting potential of neuron i (the zero the kernels store v relative to). */
export function restOf(pop: NeuronPopulation, i: number): number {
  const per = pop.perNeuron.vRest;
  return per ? per[i]! : (pop.params.vRest ?? 0);
}

export function projectionBytes(p: Projection): number {
  return p.rowStart.byteLength + p.targets.byteLength + p.weights.byteLength + p.delays.byteLength;
}
