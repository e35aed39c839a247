/**
 * How many threads a network runs on, for the CLI (`simulate --threads`)
 * and the page alike: the count asked for, else the cores for a network
 * large enough to gain from them, else one; never more than its largest
 * population has blocks; one for a network the engine cannot split (an
 * explicit count above one is then refused). Threads hold the connectivity
 * twice while they take their shares: `oneThreadInstead` says when a
 * failure to start them means running on one instead.
 */
import { isSpikelabError, SpikelabError } from '../../src/core/errors.ts';
import type { Network } from '../network/network.ts';
import { usefulShares } from './parallel-simulator.ts';
import { unsplittable } from './partition.ts';
import { DRIVE_BLOCK } from './runtime.ts';

/**
 * Below this size a second thread costs more (its start, a barrier per
 * exchange) than it saves. Measured on the 2-core machine (simulation
 * seconds of 1 s simulated, 1 → 2 threads): CUBA 20,000 0.169 → 0.276 and
 * CUBA 40,000 0.443 → 0.339 (1.6 and 3.2 million synapses); Brunel at scale 0.1 (312,500) 0.071 →
 * 0.089 and at 0.5 (3.9 million) 0.610 → 0.454.
 */
export const DEFAULT_THREADS_FROM = { neurons: 30_000, synapses: 3_000_000 } as const;

/** Whether a network with no count asked for runs on the cores. */
export function worthThreads(net: Pick<Network, 'populations' | 'synapses'>): boolean {
  const neurons = net.populations.reduce((s, p) => s + (p.kind === 'neuron' ? p.size : 0), 0);
  return neurons >= DEFAULT_THREADS_FROM.neurons || net.synapses >= DEFAULT_THREADS_FROM.synapses;
}

export interface ThreadChoice {
  threads: number;
  /** Why fewer than asked for (or than the cores): the network is small, cannot be split, or has too few blocks. */
  reason: 'small' | 'unsplittable' | 'blocks' | null;
  /** That reason in words, for a status line or stderr. */
  note: string | null;
}

const fmt = (x: number) => x.toLocaleString('en-US');

/** The threads `net` runs on; `field` names the setting in the error for an unsplittable network. */
export function chooseThreads(
  net: Pick<Network, 'populations' | 'synapses'>,
  o: { asked?: number | undefined; cores: number; field: string },
): ThreadChoice {
  const n = o.asked ?? o.cores;
  if (n === 1) return { threads: 1, reason: null, note: null };
  if (o.asked === undefined && !worthThreads(net))
    return {
      threads: 1,
      reason: 'small',
      note: `below ${fmt(DEFAULT_THREADS_FROM.neurons)} neurons and ${fmt(DEFAULT_THREADS_FROM.synapses)} synapses a second thread costs more than it saves`,
    };
  const why = unsplittable(net);
  if (why !== null) {
    if (o.asked !== undefined)
      throw new SpikelabError('NOT_APPLICABLE', `${o.field}: got ${o.asked}; ${why}; allowed: 1`);
    return { threads: 1, reason: 'unsplittable', note: why };
  }
  const useful = usefulShares(net, n);
  if (useful < n)
    return {
      threads: useful,
      reason: 'blocks',
      note: `${useful} of the ${n} threads get neurons (a share is at least ${DRIVE_BLOCK} neurons of one population)`,
    };
  return { threads: n, reason: null, note: null };
}

/**
 * Whether starting the threads failed in a way that means "run on one
 * thread" (said why): the network fits the memory once but not twice, and
 * no count was asked for (an explicit one is refused by size instead).
 */
export function oneThreadInstead(e: unknown, asked: number | undefined): boolean {
  return asked === undefined && isSpikelabError(e) && e.code === 'TOO_LARGE';
}
