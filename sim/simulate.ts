/**
 * `simulate`: the library's one-call entry, for scripts. A reference model by
 * name (with its size, tick and seed) or a network spec, simulated for
 * `durationMs`, summarised as `spikelab simulate --json` prints it.
 */
import { type ReferenceModel, type ReferenceOptions, referenceNetwork } from './models/index.ts';
import type { NetworkSpec } from './network/spec.ts';
import { type SimulateOptions, type SimulationSummary, simulateSpec } from './run.ts';

/** The run's options, plus a reference model's own (ignored for a spec, which carries them). */
export type SimulateCall = SimulateOptions & ReferenceOptions;

export function simulate(
  network: NetworkSpec | ReferenceModel,
  opts: SimulateCall,
): SimulationSummary {
  const { n, scale, vReset, dt, seed, ...run } = opts;
  if (typeof network !== 'string') return simulateSpec(network, run);
  const spec = referenceNetwork(network, {
    ...(n !== undefined && { n }),
    ...(scale !== undefined && { scale }),
    ...(vReset !== undefined && { vReset }),
    ...(dt !== undefined && { dt }),
    ...(seed !== undefined && { seed }),
  });
  return simulateSpec(spec, run);
}
