/**
 * Where the page's engine runs: on share threads (Web Workers sharing
 * memory) when the page is cross-origin isolated and the machine has more
 * than one core, by the CLI's rule (sim/engine/threads-rule.ts), or on the
 * count a request asks for; else on the worker's own thread. The note says
 * why a network worth threads runs on fewer, and what threads cost: state
 * monitors read neuron state, which lives in the threads, so a run on
 * threads records no membrane traces.
 */
import type { ShareSpawner } from '../../sim/engine/parallel-simulator.ts';
import { chooseThreads, worthThreads } from '../../sim/engine/threads-rule.ts';
import type { Network } from '../../sim/network/network.ts';
import { SpikelabError } from '../../src/core/errors.ts';

/** What this worker may run threads with. */
export interface ThreadEnv {
  /** `crossOriginIsolated`: SharedArrayBuffer exists and may be posted to workers. */
  isolated: boolean;
  /** `navigator.hardwareConcurrency`. */
  cores: number;
  /** Starts share threads (Web Workers in the page); null: none can be started here. */
  spawner: ShareSpawner | null;
}

/** A worker with no threads: Node tests without a spawner, a page served without COOP/COEP. */
export const NO_THREADS: ThreadEnv = { isolated: false, cores: 1, spawner: null };

export const NOT_ISOLATED =
  'the page is not cross-origin isolated (served without the COOP and COEP headers), so its workers cannot share memory';

export const NO_TRACES_ON_THREADS =
  'no membrane traces on threads: the neurons’ state lives in them';

export interface PageThreads {
  threads: number;
  /** Why fewer threads than the cores (or than asked), null when nothing needs saying. */
  note: string | null;
}

/** The threads a request's network runs on; an explicit count the page cannot honour is refused naming `threads`. */
export function pageThreads(
  net: Pick<Network, 'populations' | 'synapses'>,
  asked: number | undefined,
  env: ThreadEnv,
): PageThreads {
  if (!env.isolated || env.spawner === null) {
    if (asked !== undefined && asked > 1)
      throw new SpikelabError(
        'NOT_APPLICABLE',
        `threads: got ${asked}; ${NOT_ISOLATED}; allowed: 1`,
      );
    const worth = asked === undefined && env.cores > 1 && worthThreads(net);
    return { threads: 1, note: worth ? NOT_ISOLATED : null };
  }
  const c = chooseThreads(net, { asked, cores: env.cores, field: 'threads' });
  // a small network on one thread is the rule working, not something to explain
  return { threads: c.threads, note: c.reason === 'small' ? null : c.note };
}
