/**
 * Leaky integrate-and-fire neuron with delta synapses (NEST iaf_psc_delta):
 * each spike makes v jump by its weight (mV). Input arriving while the neuron
 * is refractory is discarded (NEST's default, refractory_input = false), as
 * the Brunel (2000) network assumes.
 *
 *   cm dv/dt = cm (vRest − v)/tauM + iOffset,   v += w on an input spike
 *
 * Float32 arithmetic in a fixed order, bit-identical to the WebAssembly SIMD
 * kernel (see if-curr-exp.ts).
 */

import { leakyMembrane, resetBelowThreshold } from './params.ts';
import { decayed, p20 } from './propagators.ts';
import { type NeuronModel, type NeuronState, ticksOf } from './types.ts';

const D22 = 0; // 1 − e^(−h/τm)
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
    c[D22] = decayed(h, p.tauM!);
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

const f = Math.fround;

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
  let d22 = f(c[D22]!);
  let p20 = f(c[P20]!);
  let theta = f(c[THETA]!);
  let reset = f(c[RESET]!);
  let refTicks = c[REF_TICKS]!;
  const n = s.n;
  const stride = s.constStride;
  for (let i = 0; i < n; i++) {
    if (perNeuron) {
      const b = i * stride;
      d22 = f(c[b + D22]!);
      p20 = f(c[b + P20]!);
      theta = f(c[b + THETA]!);
      reset = f(c[b + RESET]!);
      refTicks = c[b + REF_TICKS]!;
    }
    const r = ref[i]!;
    if (r > 0) {
      ref[i] = r - 1; // input arriving now is discarded
      continue;
    }
    const vo = v[i]!;
    let vi = f(f(f(vo - f(d22 * vo)) + f(p20 * iOff[i]!)) + input[i]!);
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
