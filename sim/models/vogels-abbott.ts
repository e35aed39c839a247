/**
 * The structure CUBA and COBA share (Vogels & Abbott 2005; Brette et al.
 * 2007): n neurons, 80 % excitatory, every pair connected with probability p
 * = 0.02 · 4000 / n (fan-in 80 whatever n), one-tick delays, v(0) uniform in
 * [−60, −50] mV.
 */
import { invalid } from '../../src/core/errors.ts';
import type { NetworkSpec, NeuronPopulationSpec } from '../network/spec.ts';

export interface VogelsAbbottOptions {
  /** Total neurons, 80 % excitatory (default 4000). */
  n?: number;
  dt?: number;
  seed?: number;
}

export function vogelsAbbott(
  name: string,
  model: NeuronPopulationSpec['model'],
  params: Record<string, number>,
  weights: { excitatory: number; inhibitory: number },
  opts: VogelsAbbottOptions,
): NetworkSpec {
  const n = opts.n ?? 4000;
  const dt = opts.dt ?? 0.1;
  const nE = Math.round(0.8 * n);
  if (!(Number.isInteger(n) && nE >= 1 && n - nE >= 1)) {
    throw invalid(
      'n',
      n,
      'an integer ≥ 3 (80 % excitatory and 20 % inhibitory, at least one of each)',
    );
  }
  const p = Math.min(1, (0.02 * 4000) / n);
  const initial = { v: { distribution: 'uniform' as const, low: -60, high: -50 } };
  const pop = (label: string, size: number) => ({ label, size, model, params, initial });
  const proj = (pre: string, post: string, receptor: 'excitatory' | 'inhibitory') => ({
    pre,
    post,
    connector: { type: 'fixedProbability' as const, p },
    weight: weights[receptor],
    delay: dt,
    receptor,
  });
  return {
    schemaVersion: 1,
    dt,
    seed: opts.seed ?? 1,
    populations: [pop('exc', nE), pop('inh', n - nE)],
    projections: [
      proj('exc', 'exc', 'excitatory'),
      proj('exc', 'inh', 'excitatory'),
      proj('inh', 'exc', 'inhibitory'),
      proj('inh', 'inh', 'inhibitory'),
    ],
    meta: { model: name, n },
  };
}
