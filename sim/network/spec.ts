/**
 * The declarative description of a network: plain data that the builder turns
 * into typed arrays, that the network JSON format stores (with
 * `schemaVersion`), and that the CLI and the web UI share. Vocabulary follows
 * PyNN: populations of one cell type, projections with a connector, a weight,
 * a delay (ms) and a receptor type; spike sources are populations too.
 */
import type { Receptor } from '../neurons/types.ts';

export const SCHEMA_VERSION = 1;

export type NumberArray = ArrayLike<number>;

/** A value per neuron or per synapse: a constant, one value each, or a seeded distribution. */
export type ValueSpec =
  | number
  | NumberArray
  | { distribution: 'uniform'; low: number; high: number }
  /** Normal, redrawn while outside [low, high] when given (PyNN's normal_clipped). */
  | { distribution: 'normal'; mean: number; sd: number; low?: number; high?: number };

/** An independent Poisson train per neuron (NEST's poisson_generator), drawn as one count per tick. */
export interface PoissonInputSpec {
  rateHz: number;
  weight: number;
  receptor: Receptor;
}

/** PyNN's StepCurrentSource: from times[k] (ms) on, the injected current is amplitudes[k] (nA). */
export interface StepCurrentSpec {
  times: NumberArray;
  amplitudes: NumberArray;
  /** Local indices of the neurons it is injected into (all when absent). */
  neurons?: NumberArray;
}

export interface NeuronPopulationSpec {
  label: string;
  size: number;
  model:
    | 'IF_curr_exp'
    | 'IF_curr_delta'
    | 'IF_cond_exp'
    | 'IF_nonleaky'
    | 'TrueNorth'
    | 'LIF'
    | 'CubaLIF'
    | 'LI'
    | 'CubaLI';
  /**
   * Parameters by name (camelCase or PyNN snake_case); defaults from the
   * model's spec. A number is shared by all neurons; an array or a
   * distribution gives each neuron its own value (a heterogeneous population).
   */
  params?: Record<string, ValueSpec>;
  /** Initial values of state variables (v absolute, in mV), per neuron or drawn. */
  initial?: Record<string, ValueSpec>;
  /** Per-neuron constant current (nA), overriding params.iOffset. */
  iOffset?: ValueSpec;
  poissonInput?: PoissonInputSpec[];
  stepCurrents?: StepCurrentSpec[];
}

export interface PoissonSourceSpec {
  label: string;
  size: number;
  model: 'SpikeSourcePoisson';
  /** rate in Hz (per neuron or one for all), start and duration in ms. */
  params: { rate: ValueSpec; start?: number; duration?: number };
}

export interface ArraySourceSpec {
  label: string;
  size: number;
  model: 'SpikeSourceArray';
  /** spikeTimes[i]: the spike times (ms) of source i. */
  params: { spikeTimes: NumberArray[] };
}

export type PopulationSpec = NeuronPopulationSpec | PoissonSourceSpec | ArraySourceSpec;

export type ConnectorSpec =
  | { type: 'allToAll'; allowSelf?: boolean }
  | { type: 'oneToOne' }
  | { type: 'fixedProbability'; p: number; allowSelf?: boolean }
  /** Each post neuron draws n presynaptic partners (NEST fixed_indegree; multapses by default). */
  | { type: 'fixedNumberPre'; n: number; allowSelf?: boolean; withReplacement?: boolean }
  /**
   * n synapses in all, each joining a (pre, post) pair drawn uniformly, with
   * multapses (NEST fixed_total_number; Potjans & Diesmann 2014's rule).
   */
  | { type: 'fixedTotalNumber'; n: number; allowSelf?: boolean }
  /** Explicit pairs (local indices), optionally with a weight and a delay (ms) each. */
  | {
      type: 'fromList';
      pre: NumberArray;
      post: NumberArray;
      weights?: NumberArray;
      delays?: NumberArray;
    }
  /** A dense pre × post weight matrix, row-major (row = presynaptic neuron); zeros are no synapse. */
  | { type: 'fromMatrix'; weights: NumberArray; keepZeros?: boolean }
  /** Explicit CSR by presynaptic neuron, optionally with weights and delays (ms) in the same order. */
  | {
      type: 'csr';
      rowStart: NumberArray;
      targets: NumberArray;
      weights?: NumberArray;
      delays?: NumberArray;
    };

export interface ProjectionSpec {
  label?: string;
  /** Population label or index. */
  pre: string | number;
  post: string | number;
  connector: ConnectorSpec;
  /** Weight (nA, µS or mV by the post model); omit when the connector carries weights. */
  weight?: ValueSpec;
  /** Delay in ms, ≥ one tick, rounded to the tick grid; omit when the connector carries delays. */
  delay?: ValueSpec;
  receptor: Receptor;
  /**
   * Input channel of each synapse, for post models with several
   * (`inputChannels`; TrueNorth: the axon type 0–3): one for the projection
   * or one per synapse in connector order. Default 0.
   */
  channel?: ValueSpec;
  /** Overrides the stream derived from the network seed. */
  seed?: number;
}

export interface NetworkSpec {
  schemaVersion: typeof SCHEMA_VERSION;
  /** Tick length in ms, 0.01–1. */
  dt: number;
  seed: number;
  populations: PopulationSpec[];
  projections: ProjectionSpec[];
  /** Free-form description (name of a reference model and its options). */
  meta?: Record<string, unknown>;
}

export const MIN_DT = 0.01;
export const MAX_DT = 1;
