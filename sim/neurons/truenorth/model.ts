/**
 * The TrueNorth digital neuron as an engine model (dynamics and sources in
 * dynamics.ts and params.ts), usable in any network without mapping:
 *
 * - state `v`: the integer membrane potential (Int32), starting at 0;
 * - four input channels, one per axon type G: a projection into a TrueNorth
 *   population names the channel of its synapses (`channel`, 0–3) and its
 *   weights are event counts (1 per synapse: a crossbar bit); the neuron's
 *   own weight table `weight0`…`weight3` (S_j^G) sets what an event does;
 * - every parameter is an integer per tick (the chip ticks at 1 ms);
 * - `iOffset` (settable between runs with `setIOffset`) is added to the
 *   leak λ, rounded to an integer: the leak reprogrammed per input sample;
 * - stochastic modes draw from the population's own stream (the engine
 *   derives one per population and restarts it at reset).
 *
 * Output routing (target core, axon, delay) is the projections' business in
 * the engine, so those fields of the hardware vocabulary are not parameters
 * here. Each parameter may be given per neuron like any other.
 */

import type { NeuronModel, ParamSpec } from '../types.ts';
import { packTrueNorthParams, stepTrueNorth } from './dynamics.ts';
import {
  createTrueNorthParams,
  TRUENORTH_AXON_TYPES,
  type TrueNorthDefaults,
  type TrueNorthField,
  truenorthSpec,
} from './params.ts';

/** Fields of the hardware vocabulary that route spikes rather than shape dynamics. */
const ROUTING: readonly string[] = ['targetCore', 'targetAxon', 'delay'];

/** The per-axon-type fields become one scalar parameter per type: weight0 … weight3. */
const PER_TYPE: Readonly<Record<string, string>> = {
  weights: 'weight',
  stochasticSynapse: 'stochasticSynapse',
};

function paramSpec(f: TrueNorthField, def: number, doc: string): ParamSpec {
  return { default: def, unit: f.unit, min: f.min, max: f.max, integer: true, doc };
}

function engineParams(): Record<string, ParamSpec> {
  const out: Record<string, ParamSpec> = {
    iOffset: {
      default: 0,
      unit: 'units per tick',
      integer: true,
      doc: 'added to the leak λ each tick (rounded to an integer): the part of the leak set per input sample (setIOffset), as a deployment reprograms its input cores between samples',
    },
  };
  for (const [name, f] of Object.entries(truenorthSpec)) {
    if (ROUTING.includes(name)) continue;
    if (typeof f.default === 'number') {
      out[name] = paramSpec(f, f.default, f.doc);
      continue;
    }
    for (let g = 0; g < TRUENORTH_AXON_TYPES; g++)
      out[`${PER_TYPE[name]}${g}`] = paramSpec(f, f.default[g]!, `${f.doc}; G = ${g}`);
  }
  return out;
}

/** The hardware description of one neuron from the engine's resolved parameters. */
export function trueNorthFields(p: Readonly<Record<string, number>>): Partial<TrueNorthDefaults> {
  const perType = (prefix: string) =>
    [0, 1, 2, 3].map((g) => p[`${prefix}${g}`]!) as [number, number, number, number];
  return {
    weights: perType('weight'),
    stochasticSynapse: perType('stochasticSynapse'),
    leak: p.leak!,
    stochasticLeak: p.stochasticLeak!,
    leakReversal: p.leakReversal!,
    threshold: p.threshold!,
    negThreshold: p.negThreshold!,
    thresholdMaskBits: p.thresholdMaskBits!,
    resetMode: p.resetMode!,
    resetValue: p.resetValue!,
    negativeSaturate: p.negativeSaturate!,
  };
}

export const trueNorthNeuron: NeuronModel = {
  name: 'TrueNorth',
  doc: 'TrueNorth digital neuron (Cassidy et al. 2013): integer membrane, 4 axon types, linear leak, reset modes, stochastic modes; per tick',
  params: engineParams(),
  stateVars: [{ name: 'v', unit: 'units', type: 'i32' }],
  receptorBuffers: 1,
  inputChannels: TRUENORTH_AXON_TYPES,
  weightUnit: 'events',
  nonNegativeWeights: true,
  integerWeights: true,
  // Every field is bounded on its own (the specs above); no cross-field rule.
  check: () => null,
  refractoryTicks: () => 0,
  prepare: (p) => packTrueNorthParams(createTrueNorthParams(1, trueNorthFields(p))),
  update(s, c, input, _inI, spikes, count, idOffset) {
    if (s.rng === undefined) throw new Error('TrueNorth kernel: the state has no random stream');
    const k = stepTrueNorth(
      s.vars[0] as Int32Array, // declared i32 above
      c,
      s.constStride,
      s.n,
      input,
      s.rng,
      spikes,
      count,
      idOffset,
      s.hasOffset ? s.iOffset : null,
    );
    input.fill(0);
    return k;
  },
};
