/**
 * The discrete-time leaky neurons of surrogate-gradient training and NIR
 * (snnTorch's Leaky and Synaptic, Norse's LIF, NIR's LIF, CubaLIF, LI,
 * CubaLI, IF and I): one multiply per tick instead of a propagator in
 * physical units, so the dynamics are defined by β and α alone and the same
 * network gives the same spikes whatever the tick length. Whoever builds the
 * population chooses β = e^(−dt/τ) (exact) or 1 − dt/τ (forward Euler).
 *
 *   x = in + iOffset                       (in: weights of this tick's spikes)
 *   i ← α·i + x,  x = i                    (Cuba variants only)
 *   v ← vLeak + β·(v − vLeak) + gain·x
 *   spiking variants: v > vThreshold (strictly, as NIR) → spike, then
 *   v ← v − (vThreshold − vReset) (resetBySubtraction = 1) or v ← vReset.
 *
 * The reset acts within the tick of the spike (NIR and Norse), not one tick
 * later as snnTorch's detached reset term. Each operation rounds to float32
 * in the order written, so a trainer that performs the same float32
 * operations reproduces the engine's membrane bit for bit given the same
 * input sums. With vLeak = 0 and gain = 1 the update reduces exactly to
 * v ← fround(fround(β·v) + x). v is stored as is (no resting offset) and
 * starts at 0, as the training frameworks start.
 */
import type { NeuronModel, NeuronState, ParamSpec } from './types.ts';

const unitless = (def: number, doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({
  default: def,
  unit: '1',
  doc,
  ...extra,
});

const beta = unitless(0.95, 'membrane decay per tick, e^(−dt/τ_mem) or 1 − dt/τ_mem', {
  min: 0,
  max: 1,
});
const alpha = unitless(0.9, 'synaptic current decay per tick, e^(−dt/τ_syn) or 1 − dt/τ_syn', {
  min: 0,
  max: 1,
});
const gain = unitless(1, 'scale on the input into v (NIR: r·(1 − β) exact, r·dt/τ Euler)');
const vLeak = unitless(0, 'potential v decays towards');
const vThreshold = unitless(1, 'a spike when v exceeds it (strictly)');
const vReset = unitless(0, 'potential after a spike (the zero of the subtraction)');
const resetBySubtraction = unitless(1, '1: subtract vThreshold − vReset; 0: set v to vReset', {
  min: 0,
  max: 1,
  integer: true,
});
const iOffset = unitless(0, 'constant input added every tick (a bias)');

const BETA = 0;
const ALPHA = 1;
const GAIN = 2;
const LEAK = 3;
const THETA = 4;
const STEP = 5;
const RESET = 6;
const SUBTRACT = 7;

interface Variant {
  readonly name: string;
  readonly doc: string;
  readonly cuba: boolean;
  readonly spiking: boolean;
}

function discreteModel({ name, doc, cuba, spiking }: Variant): NeuronModel {
  const params: Record<string, ParamSpec> = { beta, gain, vLeak, iOffset };
  if (cuba) params.alpha = alpha;
  if (spiking) Object.assign(params, { vThreshold, vReset, resetBySubtraction });
  const stateVars = [{ name: 'v', unit: '1' }];
  if (cuba) stateVars.push({ name: 'i', unit: '1' });
  return {
    name,
    doc,
    params,
    stateVars,
    receptorBuffers: 1,
    weightUnit: 'input units',
    nonNegativeWeights: false,
    check: (p) =>
      spiking && p.resetBySubtraction === 1 && !(p.vReset! < p.vThreshold!)
        ? 'vReset must be below vThreshold for reset by subtraction'
        : null,
    refractoryTicks: () => 0,
    prepare(p) {
      const c = new Float64Array(8);
      c[BETA] = p.beta!;
      c[ALPHA] = p.alpha ?? 0;
      c[GAIN] = p.gain!;
      c[LEAK] = p.vLeak!;
      c[THETA] = spiking ? p.vThreshold! : Number.POSITIVE_INFINITY;
      c[STEP] = spiking ? p.vThreshold! - p.vReset! : 0;
      c[RESET] = spiking ? p.vReset! : 0;
      c[SUBTRACT] = spiking ? p.resetBySubtraction! : 0;
      return c;
    },
    update: (s, c, input, _inI, spikes, count, idOffset) =>
      // Constant flags at each call site: V8 inlines `step` and folds them away.
      s.constStride === 0
        ? step(s, c, input, spikes, count, idOffset, cuba, spiking, false)
        : step(s, c, input, spikes, count, idOffset, cuba, spiking, true),
  };
}

const f = Math.fround;

function step(
  s: NeuronState,
  c: Float64Array,
  input: Float32Array,
  spikes: Uint32Array,
  count: number,
  idOffset: number,
  cuba: boolean,
  spiking: boolean,
  perNeuron: boolean,
): number {
  const v = s.vars[0]!;
  const syn = cuba ? s.vars[1]! : v;
  const off = s.iOffset;
  const hasOffset = s.hasOffset;
  const n = s.n;
  const stride = s.constStride;
  let b = f(c[BETA]!);
  let a = f(c[ALPHA]!);
  let g = f(c[GAIN]!);
  let leak = f(c[LEAK]!);
  let theta = f(c[THETA]!);
  let stepDown = f(c[STEP]!);
  let reset = f(c[RESET]!);
  let subtract = c[SUBTRACT] === 1;
  for (let i = 0; i < n; i++) {
    if (perNeuron) {
      const k = i * stride;
      b = f(c[k + BETA]!);
      a = f(c[k + ALPHA]!);
      g = f(c[k + GAIN]!);
      leak = f(c[k + LEAK]!);
      theta = f(c[k + THETA]!);
      stepDown = f(c[k + STEP]!);
      reset = f(c[k + RESET]!);
      subtract = c[k + SUBTRACT] === 1;
    }
    let x = hasOffset ? f(input[i]! + off[i]!) : input[i]!;
    if (cuba) {
      x = f(f(a * syn[i]!) + x);
      syn[i] = x;
    }
    let vi = f(f(leak + f(b * f(v[i]! - leak))) + f(g * x));
    if (spiking && vi > theta) {
      vi = subtract ? f(vi - stepDown) : reset;
      spikes[count++] = idOffset + i;
    }
    v[i] = vi;
  }
  input.fill(0);
  return count;
}

export const lif = discreteModel({
  name: 'LIF',
  doc: 'Discrete leaky integrate-and-fire: v ← vLeak + β(v − vLeak) + gain·in, spike on v > vThreshold',
  cuba: false,
  spiking: true,
});

export const cubaLif = discreteModel({
  name: 'CubaLIF',
  doc: 'Discrete current-based LIF: i ← α·i + in, v ← vLeak + β(v − vLeak) + gain·i, spike on v > vThreshold',
  cuba: true,
  spiking: true,
});

export const leakyIntegrator = discreteModel({
  name: 'LI',
  doc: 'Discrete leaky integrator (non-spiking readout): v ← vLeak + β(v − vLeak) + gain·in',
  cuba: false,
  spiking: false,
});

export const cubaLeakyIntegrator = discreteModel({
  name: 'CubaLI',
  doc: 'Discrete current-based leaky integrator (non-spiking): i ← α·i + in, v ← vLeak + β(v − vLeak) + gain·i',
  cuba: true,
  spiking: false,
});
