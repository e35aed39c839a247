/**
 * Leaky integrate-and-fire neuron with delta synapses (NEST iaf_psc_delta):
 * each spike makes v jump by its weight (mV). Input arriving while the neuron
 * is refractory is discarded (NEST's default, refractory_input = false), as
 * the Brunel (2000) network assumes.
 *
 *   cm dv/dt = cm (vRest − v)/tauM + iOffset,   v += w on an input spike
 */

import { leakyMembrane, resetBelowThreshold } from './params.ts';
import { decay, p20 } from './propagators.ts';
import { type NeuronModel, type NeuronState, ticksOf } from './types.ts';

const P22 = 0;
const P20 = 1;
const THETA = 2;
const RESET = 3;
const REF_TICKS = 4;

export const ifCurrDelta: NeuronModel = {
  name: 'IF_curr_delta',
  doc: 'Leaky integrate-and-fire, delta synapses: a spike makes v jump by its weight (NEST iaf_psc_delta)',
  params: leakyMembrane,
  stateVars: [{ name: 'v', unit: 'mV' }],
  receptorBuffers: 1,
  weightUnit: 'mV',
  nonNegativeWeights: false,
  check: resetBelowThreshold,
  refractoryTicks: (p, dt) => ticksOf(p.tauRefrac!, dt),
  prepare(p, h) {
    const c = new Float64Array(5);
    c[P22] = decay(h, p.tauM!);
    c[P20] = p20(h, p.tauM!, p.cm!);
    c[THETA] = p.vThresh! - p.vRest!;
    c[RESET] = p.vReset! - p.vRest!;
    c[REF_TICKS] = ticksOf(p.tauRefrac!, h);
    return c;
  },
  update: updateIfCurrDelta,
};

export function updateIfCurrDelta(
  s: NeuronState,
  c: Float64Array,
  input: Float32Array,
  _inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
): number {
  // Two call sites with a constant flag: V8 inlines `integrate` into each and
  // folds it away, so homogeneous populations keep their constants in registers.
  return s.constStride === 0
    ? integrate(s, c, input, _inI, spikes, count, idOffset, false)
    : integrate(s, c, input, _inI, spikes, count, idOffset, true);
}

function integrate(
  s: NeuronState,
  c: Float64Array,
  input: Float32Array,
  _inI: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
  perNeuron: boolean,
): number {
  const v = s.vars[0]!;
  const ref = s.refractory;
  const iOff = s.iOffset;
  let p22 = c[P22]!;
  let p20 = c[P20]!;
  let theta = c[THETA]!;
  let reset = c[RESET]!;
  let refTicks = c[REF_TICKS]!;
  const n = s.n;
  const stride = s.constStride;
  for (let i = 0; i < n; i++) {
    if (perNeuron) {
      const b = i * stride;
      p22 = c[b + P22]!;
      p20 = c[b + P20]!;
      theta = c[b + THETA]!;
      reset = c[b + RESET]!;
      refTicks = c[b + REF_TICKS]!;
    }
    const r = ref[i]!;
    if (r > 0) {
      ref[i] = r - 1; // input arriving now is discarded
      continue;
    }
    let vi = p22 * v[i]! + p20 * iOff[i]! + input[i]!;
    if (vi >= theta) {
      vi = reset;
      ref[i] = refTicks;
      spikes[count++] = idOffset + i;
    }
    v[i] = vi;
  }
  input.fill(0);
  return count;
}
