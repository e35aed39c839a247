/**
 * The anatomy of a neuron model (NEST's Parameters_/State_/Variables_ split, in
 * TypeScript): a parameter spec with units and constraints, Float32 state
 * arrays, constants derived once from the parameters and dt (the propagators),
 * and one update kernel per model that advances a whole population by one tick.
 *
 * The update kernel is the boundary an optimised implementation (e.g. a
 * WebAssembly SIMD loop over the same arrays) replaces; the TypeScript kernels
 * here stay the reference oracle.
 *
 * Why Float32 state: half the bytes of Float64 per neuron, and four lanes per
 * 128-bit SIMD vector instead of two. The membrane potential is stored
 * relative to the resting potential (NEST keeps V_m relative to E_L too), so
 * float32's 24-bit mantissa resolves PSPs of microvolts (ulp(10 mV) ≈ 1e-6 mV).
 * Propagators are computed in float64. The kernels with a WebAssembly SIMD
 * twin round them and every operation to float32 (Math.fround), so both give
 * the same bits; IF_cond_exp computes in float64 and rounds on each store.
 */

import type { Rng } from '../../src/core/rng.ts';

/** One parameter: default, unit, constraint (used for validation, --help and docs). */
export interface ParamSpec {
  readonly default: number;
  readonly unit: string;
  readonly min?: number;
  /** true when the parameter must be strictly greater than `min`. */
  readonly exclusiveMin?: boolean;
  readonly max?: number;
  /** true for integer fields (digital neurons: weights, thresholds, mode flags). */
  readonly integer?: boolean;
  readonly doc: string;
}

/** A state variable's array: Float32 for the analogue models, Int32 for digital ones (TrueNorth). */
export type StateArray = Float32Array | Int32Array;

export type Receptor = 'excitatory' | 'inhibitory';

/**
 * A population's dynamic state. `vars` holds one array of length n per
 * state variable (v first, relative to vRest), Float32 unless the model
 * declares the variable `i32`; `refractory` counts the ticks a neuron is
 * still refractory; `iOffset` is the per-neuron constant current (nA;
 * settable between runs, e.g. per input sample).
 */
export interface NeuronState {
  readonly n: number;
  readonly vars: StateArray[];
  readonly refractory: Int32Array;
  readonly iOffset: Float32Array;
  /** False when every iOffset is 0: kernels may then skip reading it. Kept current by the engine. */
  hasOffset: boolean;
  /**
   * 0 when the population shares one set of constants; else the number of
   * constants per neuron, neuron i's starting at i·constStride (per-neuron
   * parameters).
   */
  constStride: number;
  /** The population's own random stream, for stochastic models; restarted by the engine at reset. */
  rng?: Rng;
}

/**
 * Advances n neurons by one tick.
 * - `inE`, `inI`: this tick's input slot of the ring buffers, one value per
 *   neuron (views of length n, so every array is indexed by the same i: that
 *   lets V8 drop most bounds checks). The kernel adds them in and zeroes them.
 *   Models with a single receptor buffer get the same view twice.
 * - Spiking neurons write `idOffset + i` to `spikes` from index `count` on and
 *   the kernel returns the new count.
 */
export type UpdateKernel = (
  state: NeuronState,
  consts: Float64Array,
  inE: Float32Array,
  inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
) => number;

export interface NeuronModel {
  /** PyNN-style type name, e.g. 'IF_curr_exp'. */
  readonly name: string;
  readonly doc: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** State variable names in `vars` order, with units (v is stored relative to vRest); `i32` for integer state. */
  readonly stateVars: readonly { name: string; unit: string; type?: 'f32' | 'i32' }[];
  /** 1 when both receptors add into the same buffer (delta synapses), else 2. */
  readonly receptorBuffers: 1 | 2;
  /**
   * Input values per neuron in each receptor buffer (default 1). With more,
   * each synapse feeds one channel (the projection's `channel`) and the
   * kernel's input view holds n × inputChannels values, neuron-major
   * (TrueNorth: one channel per axon type, receiving event counts).
   */
  readonly inputChannels?: number;
  /**
   * The state variables (indices into `vars`; excitatory, inhibitory) that
   * input enters as x ← (decayed x) + in, after the threshold test of the
   * tick, when the model has such variables: the engine may then add input
   * that arrives with a one-tick delay to them directly, after the update,
   * instead of through a ring buffer (see sim/engine/runtime.ts). Absent
   * when input acts on v within the tick (delta synapses) or comes in channels.
   */
  readonly inputVars?: readonly [number, number];
  /** Unit of a synaptic weight for this model (nA, µS, mV, or events). */
  readonly weightUnit: string;
  /** Weights must be ≥ 0 (conductances), with the receptor deciding the sign of the effect. */
  readonly nonNegativeWeights: boolean;
  /** Weights must be integers (event counts of a digital neuron). */
  readonly integerWeights?: boolean;
  /** Cross-parameter checks beyond the spec (e.g. vReset < vThresh); returns a message or null. */
  check(p: Readonly<Record<string, number>>): string | null;
  /** Derived constants for the kernel (propagators); dt in ms. */
  prepare(p: Readonly<Record<string, number>>, dt: number): Float64Array;
  /** Refractory period in whole ticks (rounded to the grid, as NEST does). */
  refractoryTicks(p: Readonly<Record<string, number>>, dt: number): number;
  readonly update: UpdateKernel;
}

/** Ticks of an absolute refractory period: round(tRef/dt), as NEST's RefractoryCounts. */
export function ticksOf(tRefMs: number, dt: number): number {
  return Math.round(tRefMs / dt);
}
