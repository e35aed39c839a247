/** One neuron driven tick by tick through a model's update kernel, without the engine. */
import { type NeuronModel, resolveParams, restPotential } from '../../../sim/neurons/index.ts';

export interface SingleNeuron {
  /** Advances one tick with the given input arriving in it; true when the neuron spiked. */
  step(inE?: number, inI?: number): boolean;
  /** Membrane potential in mV (absolute). */
  v(): number;
  vars: Float32Array[];
}

export function singleNeuron(
  model: NeuronModel,
  params: Record<string, number>,
  dt: number,
): SingleNeuron {
  const p = resolveParams(model, params, 'params');
  const consts = model.prepare(p, dt);
  const rest = restPotential(p);
  const vars = model.stateVars.map(() => new Float32Array(1));
  vars[0]![0] = (model.name === 'IF_nonleaky' ? p.vReset! : (p.vRest ?? 0)) - rest;
  const state = {
    n: 1,
    vars,
    refractory: new Int32Array(1),
    iOffset: Float32Array.of(p.iOffset!),
    hasOffset: p.iOffset !== 0,
    constStride: 0,
  };
  const inE = new Float32Array(1);
  const inI = new Float32Array(1);
  const spikes = new Uint32Array(1);
  return {
    vars,
    step(e = 0, i = 0) {
      inE[0]! += e;
      if (model.receptorBuffers === 1) inE[0]! += i;
      else inI[0]! += i;
      return (
        model.update(state, consts, inE, model.receptorBuffers === 1 ? inE : inI, spikes, 0, 0) ===
        1
      );
    },
    v: () => vars[0]![0]! + rest,
  };
}
