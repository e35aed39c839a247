/**
 * NIR's continuous-time neurons on the engine's discrete ones
 * (sim/neurons/discrete-lif.ts), given the tick dt (s) and the integrator.
 *
 *   LIF, LI:  τ v̇ = (v_leak − v) + r·I
 *     exact: β = e^(−dt/τ), gain = r(1 − β)   (exact for I constant over the tick)
 *     euler: β = 1 − dt/τ,  gain = r·dt/τ     (snnTorch, Norse)
 *   IF, I:    v̇ = r·I  →  β = 1, gain = r·dt (both integrators)
 *   CubaLIF, CubaLI: τ_syn İ = −I + w_in·S feeds τ_mem v̇ = (v_leak − v) + r·I
 *     I: α = e^(−dt/τ_syn), input × w_in(1 − α) (exact) or α = 1 − dt/τ_syn,
 *     input × w_in·dt/τ_syn (euler), folded into the weights and bias onto
 *     the population; v then as LIF with the current of the same tick (the
 *     ordering of snnTorch's Synaptic; with exact, each variable decays
 *     exactly and the coupling is first order in dt, as in Rockpool).
 *   Threshold: z = H(I − θ) → LIF with β = 0, gain 1, vThreshold θ.
 *
 * Spiking nodes reset to v_reset (NIR; 0 before NIR 1.0.6 wrote it) in the
 * tick of the spike, threshold strict; by subtraction when the node's
 * metadata says `reset_mechanism: "subtract"` (files spikelab writes, where
 * an IF so marked is the conversion's IF_nonleaky). An input spike is a unit value during
 * one tick, as the frameworks feed it. With snnTorch's export (τ = dt/(1 − β),
 * r = τ/dt, w_in = τ_syn/dt) and euler at the same dt, gain and input factor
 * are 1 and β is snnTorch's β.
 */
import { invalid } from '../../../src/core/errors.ts';
import type { NeuronPopulationSpec } from '../../network/spec.ts';
import type { NirNode } from './graph.ts';

export type NirIntegrator = 'exact' | 'euler';
export const NIR_INTEGRATORS = ['exact', 'euler'] as const satisfies readonly NirIntegrator[];

export interface MappedNeurons {
  model: NeuronPopulationSpec['model'];
  params: Record<string, number | Float64Array>;
  /** Factor on every input (weights and constant currents) into each neuron. */
  inFactor: Float64Array;
}

function broadcast(node: NirNode, key: string, n: number, def?: number): Float64Array {
  const a = node.params[key];
  if (!a) return new Float64Array(n).fill(def ?? 0);
  return a.data.length === n ? Float64Array.from(a.data) : new Float64Array(n).fill(a.data[0]!);
}

/** One number when all neurons share it (the engine's fast path), else the array. */
export function compact(a: Float64Array): number | Float64Array {
  return a.every((x) => x === a[0]) ? a[0]! : a;
}

function decay(
  name: string,
  key: string,
  tau: Float64Array,
  dt: number,
  integ: NirIntegrator,
): Float64Array {
  return tau.map((t, i) => {
    if (integ === 'euler' && dt > t) {
      throw invalid(
        `node ${name}.${key}[${i}]`,
        t,
        `a time constant ≥ dt = ${dt} s with --integrator euler (1 − dt/τ would be negative); or use --integrator exact`,
      );
    }
    return integ === 'exact' ? Math.exp(-dt / t) : 1 - dt / t;
  });
}

/** The smallest float32 above x: `v ≥ it` is `v > x` for float32 v. */
function aboveFloat32(x: number): number {
  const f = new Float32Array([x]);
  if (f[0]! > x) return f[0]!;
  const u = new Int32Array(f.buffer);
  if (x === 0) u[0] = 1;
  else u[0]! += x > 0 ? 1 : -1;
  return f[0]!;
}

export function mapNeurons(
  name: string,
  node: NirNode,
  n: number,
  dt: number,
  integ: NirIntegrator,
): MappedNeurons {
  const ones = new Float64Array(n).fill(1);
  const r = broadcast(node, 'r', n, 1);
  const subtract = node.metadata?.reset_mechanism === 'subtract';
  const threshold = {
    vThreshold: compact(broadcast(node, 'v_threshold', n)),
    vReset: compact(broadcast(node, 'v_reset', n, 0)),
    resetBySubtraction: subtract ? 1 : 0,
  };
  if (node.type === 'IF' && subtract) {
    // the conversion's neuron (IF_nonleaky: fires at v ≥ vThresh, Δv = w per spike, (dt/cm)·iOffset per tick)
    return {
      model: 'IF_nonleaky',
      params: {
        cm: dt * 1000,
        tauRefrac: 0,
        vThresh: compact(broadcast(node, 'v_threshold', n).map(aboveFloat32)),
        vReset: threshold.vReset,
      },
      inFactor: r.map((x) => x * dt),
    };
  }
  const leaky = (tauKey: string) => {
    const beta = decay(name, tauKey, broadcast(node, tauKey, n), dt, integ);
    const tau = broadcast(node, tauKey, n);
    const gain = beta.map((b, i) => (integ === 'exact' ? r[i]! * (1 - b) : (r[i]! * dt) / tau[i]!));
    return {
      beta: compact(beta),
      gain: compact(gain),
      vLeak: compact(broadcast(node, 'v_leak', n, 0)),
    };
  };
  const cubaInput = () => {
    const tauSyn = broadcast(node, 'tau_syn', n);
    const alpha = decay(name, 'tau_syn', tauSyn, dt, integ);
    const wIn = broadcast(node, 'w_in', n, 1);
    const inFactor = alpha.map((a, i) => wIn[i]! * (integ === 'exact' ? 1 - a : dt / tauSyn[i]!));
    return { alpha: compact(alpha), inFactor };
  };
  switch (node.type) {
    case 'LIF':
      return { model: 'LIF', params: { ...leaky('tau'), ...threshold }, inFactor: ones };
    case 'LI':
      return { model: 'LI', params: leaky('tau'), inFactor: ones };
    case 'IF':
      return {
        model: 'LIF',
        params: { beta: 1, gain: compact(r.map((x) => x * dt)), ...threshold },
        inFactor: ones,
      };
    case 'I':
      return {
        model: 'LI',
        params: { beta: 1, gain: compact(r.map((x) => x * dt)) },
        inFactor: ones,
      };
    case 'Threshold':
      return {
        model: 'LIF',
        params: {
          beta: 0,
          gain: 1,
          vThreshold: compact(broadcast(node, 'threshold', n)),
          vReset: 0,
          resetBySubtraction: 0,
        },
        inFactor: ones,
      };
    case 'CubaLIF': {
      const { alpha, inFactor } = cubaInput();
      return { model: 'CubaLIF', params: { ...leaky('tau_mem'), alpha, ...threshold }, inFactor };
    }
    case 'CubaLI': {
      const { alpha, inFactor } = cubaInput();
      return { model: 'CubaLI', params: { ...leaky('tau_mem'), alpha }, inFactor };
    }
    default:
      throw invalid(`node ${name}`, node.type, 'a neuron type');
  }
}
