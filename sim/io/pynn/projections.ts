/**
 * Projections as PyNN projections. A connector PyNN has (all-to-all,
 * one-to-one, fixed probability, fixed number of presynaptic partners) with
 * one weight and one delay is written as that connector, seeded from the
 * network's seed: PyNN draws its own realisation, with the same statistics.
 * Anything else, or every projection when asked for, is written as a
 * FromListConnector of the engine's own synapses, weights and delays exact.
 *
 * PyNN takes one sign per projection on current-based cells (inhibitory
 * weights negative on the inhibitory receptor), so mixed-sign weights are
 * split into an excitatory and an inhibitory projection. That is exact when
 * both receptors have the same time course; otherwise it is refused.
 */
import { SpikelabError } from '../../../src/core/errors.ts';
import type { Network, Projection } from '../../network/network.ts';
import type { PynnCell } from './cells.ts';

export type PynnConnector =
  | { kind: 'AllToAllConnector'; allowSelf: boolean }
  | { kind: 'OneToOneConnector' }
  | { kind: 'FixedProbabilityConnector'; p: number; allowSelf: boolean }
  | { kind: 'FixedNumberPreConnector'; n: number; allowSelf: boolean; withReplacement: boolean }
  | {
      kind: 'FromListConnector';
      pre: Uint32Array;
      post: Uint32Array;
      weights: Float32Array;
      delayTicks: Uint32Array;
    };

export interface PynnProjection {
  label: string;
  pre: string;
  post: string;
  receptor: 'excitatory' | 'inhibitory';
  connector: PynnConnector;
  /** Weight and delay (in ticks) of a PyNN connector; a FromListConnector carries its own. */
  weight: number;
  delayTicks: number;
}

export type ConnectionMode = 'pynn' | 'realised';
export const CONNECTION_MODES: readonly ConnectionMode[] = ['pynn', 'realised'];

type Receptor = PynnProjection['receptor'];

/** The PyNN connector equal in law to the engine's, or null. */
function matchingConnector(net: Network, k: number): PynnConnector | null {
  const p = net.projections[k]!;
  const c = net.spec.projections[k]!.connector;
  if (p.uniformWeight === null || p.uniformDelay === 0) return null;
  const allowSelf = !('allowSelf' in c) || c.allowSelf !== false;
  switch (c.type) {
    case 'allToAll':
      return { kind: 'AllToAllConnector', allowSelf };
    case 'oneToOne':
      return { kind: 'OneToOneConnector' };
    case 'fixedProbability':
      return { kind: 'FixedProbabilityConnector', p: c.p, allowSelf };
    case 'fixedNumberPre':
      return {
        kind: 'FixedNumberPreConnector',
        n: c.n,
        allowSelf,
        withReplacement: c.withReplacement !== false,
      };
    default:
      return null;
  }
}

function fromList(p: Projection, keep: (w: number) => boolean): PynnConnector {
  const pre: number[] = [];
  const post: number[] = [];
  const weights: number[] = [];
  const delays: number[] = [];
  for (let i = 0; i + 1 < p.rowStart.length; i++) {
    for (let s = p.rowStart[i]!; s < p.rowStart[i + 1]!; s++) {
      const w = p.weights[s]!;
      if (!keep(w)) continue;
      pre.push(i);
      post.push(p.targets[s]!);
      weights.push(w);
      delays.push(p.delays[s]!);
    }
  }
  return {
    kind: 'FromListConnector',
    pre: Uint32Array.from(pre),
    post: Uint32Array.from(post),
    weights: Float32Array.from(weights),
    delayTicks: Uint32Array.from(delays),
  };
}

/** The receptor PyNN needs for a weight's sign on a current-based cell. */
function signReceptor(w: number, fallback: Receptor): Receptor {
  return w > 0 ? 'excitatory' : w < 0 ? 'inhibitory' : fallback;
}

function refuseSwitch(p: Projection, where: string, cell: PynnCell, to: Receptor): never {
  throw new SpikelabError(
    'NOT_APPLICABLE',
    `${where}: ${p.label} has weights of the sign of the ${to} receptor on the ${p.receptor} receptor of ${cell.type} with tau_syn_E ≠ tau_syn_I; PyNN takes one sign per receptor; allowed: weights whose sign matches the receptor, or equal synaptic time constants`,
  );
}

export function pynnProjections(
  net: Network,
  k: number,
  cell: PynnCell,
  mode: ConnectionMode,
): PynnProjection[] {
  const p = net.projections[k]!;
  const where = `projections.${k}`;
  const pre = net.populations[p.pre]!.label;
  const post = net.populations[p.post]!.label;
  const own = p.receptor as Receptor;
  const conductance = cell.type === 'IF_cond_exp';
  const base = { label: p.label, pre, post, weight: 0, delayTicks: 0 };
  const matched = mode === 'pynn' ? matchingConnector(net, k) : null;
  if (matched) {
    const w = p.uniformWeight!;
    const receptor = conductance ? own : signReceptor(w, own);
    if (receptor !== own && !cell.sameSynapses) refuseSwitch(p, where, cell, receptor);
    return [{ ...base, receptor, connector: matched, weight: w, delayTicks: p.uniformDelay }];
  }
  if (conductance) return [{ ...base, receptor: own, connector: fromList(p, () => true) }];
  const parts: PynnProjection[] = [];
  for (const receptor of ['excitatory', 'inhibitory'] as const) {
    const connector = fromList(p, (w) => signReceptor(w, own) === receptor);
    if (connector.kind !== 'FromListConnector' || connector.pre.length === 0) continue;
    if (receptor !== own && !cell.sameSynapses) refuseSwitch(p, where, cell, receptor);
    parts.push({ ...base, receptor, connector });
  }
  if (parts.length === 2) for (const q of parts) q.label = `${p.label} (${q.receptor})`;
  return parts;
}
