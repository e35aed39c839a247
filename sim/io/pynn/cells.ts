/**
 * Neuron populations as PyNN standard cell types, in PyNN's names and units
 * (mV, ms, nA, nF, µS). Where PyNN has no standard type the population is
 * refused by name, or, for the conversion neuron, written as its closest
 * standard type with the approximation stated.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import { type NeuronPopulation, restOf } from '../../network/network.ts';

/** Per-neuron values stay arrays; a value shared by every neuron becomes one number. */
export type PynnValue = number | Float64Array;

export interface PynnCell {
  type: 'IF_curr_exp' | 'IF_curr_delta' | 'IF_cond_exp';
  params: Record<string, PynnValue>;
  initial: Record<string, PynnValue>;
  /** True when excitatory and inhibitory inputs share one time course (the sign split is then exact). */
  sameSynapses: boolean;
  /** Why the export is not exact for this population, or null. */
  approximation: string | null;
}

/** PyNN's parameter name of each engine parameter, per exported model. */
const LEAKY = {
  cm: 'cm',
  tauM: 'tau_m',
  tauRefrac: 'tau_refrac',
  vRest: 'v_rest',
  vReset: 'v_reset',
  vThresh: 'v_thresh',
};
const PARAMS: Record<string, Record<string, string>> = {
  IF_curr_exp: { ...LEAKY, tauSynE: 'tau_syn_E', tauSynI: 'tau_syn_I' },
  IF_cond_exp: {
    ...LEAKY,
    tauSynE: 'tau_syn_E',
    tauSynI: 'tau_syn_I',
    eRevE: 'e_rev_E',
    eRevI: 'e_rev_I',
  },
  IF_curr_delta: LEAKY,
};
/** PyNN's initial-value names of the synaptic state variables. */
const STATE: Record<string, readonly string[]> = {
  IF_curr_exp: ['v', 'isyn_exc', 'isyn_inh'],
  IF_cond_exp: ['v', 'gsyn_exc', 'gsyn_inh'],
  IF_curr_delta: ['v'],
};

/**
 * The conversion neuron integrates without leak; IF_curr_delta with this
 * membrane time constant loses 10⁻⁴ of its charge over a 100 ms run, far
 * below one spike's worth of charge at the rates conversion uses.
 */
export const NONLEAKY_TAU_M = 1e6;

export const PYNN_NEURON_MODELS = ['IF_curr_exp', 'IF_curr_delta', 'IF_cond_exp', 'IF_nonleaky'];

function values(pop: NeuronPopulation, name: string): PynnValue {
  const per = pop.perNeuron[name];
  return per ? Float64Array.from(per) : pop.params[name]!;
}

function shared(x: Float64Array): PynnValue {
  return x.every((v) => v === x[0]) ? x[0]! : x;
}

export function pynnCell(pop: NeuronPopulation, where: string): PynnCell {
  const model = pop.neuron.name;
  if (model === 'IF_nonleaky') return nonleakyCell(pop);
  const names = PARAMS[model];
  if (!names) {
    throw new SpikelabError(
      'NOT_APPLICABLE',
      `${where}.model: got ${JSON.stringify(model)}, which PyNN has no standard cell type for; allowed: ${PYNN_NEURON_MODELS.join(', ')} (IF_nonleaky approximated)`,
    );
  }
  const params: Record<string, PynnValue> = {};
  for (const [ours, theirs] of Object.entries(names)) params[theirs] = values(pop, ours);
  params.i_offset = shared(Float64Array.from(pop.iOffset));
  const initial: Record<string, PynnValue> = {};
  STATE[model]!.forEach((name, k) => {
    const stored = pop.initial[k]!;
    const abs = Float64Array.from(stored, (v, i) => (k === 0 ? v + restOf(pop, i) : v));
    const value = shared(abs);
    if (k === 0 || value !== 0) initial[name] = value;
  });
  const tauE = params.tau_syn_E;
  const tauI = params.tau_syn_I;
  const sameSynapses =
    model === 'IF_curr_delta' ||
    (typeof tauE === 'number' && typeof tauI === 'number' && tauE === tauI);
  return { type: model as PynnCell['type'], params, initial, sameSynapses, approximation: null };
}

function nonleakyCell(pop: NeuronPopulation): PynnCell {
  const vReset = values(pop, 'vReset');
  const initial = shared(Float64Array.from(pop.initial[0]!));
  return {
    type: 'IF_curr_delta',
    params: {
      cm: values(pop, 'cm'),
      tau_m: NONLEAKY_TAU_M,
      tau_refrac: values(pop, 'tauRefrac'),
      v_rest: vReset,
      v_reset: vReset,
      v_thresh: values(pop, 'vThresh'),
      i_offset: shared(Float64Array.from(pop.iOffset)),
    },
    initial: { v: initial },
    sameSynapses: true,
    approximation: `${pop.label}: IF_nonleaky written as IF_curr_delta with tau_m ${NONLEAKY_TAU_M} ms and reset to v_reset instead of by subtraction (the charge above threshold is lost at each spike)`,
  };
}
