/**
 * `--threads N`: the engine over N threads of this process (default: the
 * machine's cores for a network large enough to gain from them, else one).
 * More threads than cores is legal, as in NEST and
 * Brian2, but they then take turns on the cores: said once on stderr. A
 * network the engine cannot split (a model drawing from one random stream
 * per population) runs on one thread; asking for more explicitly is refused.
 */
import { Option } from 'commander';
import { usefulShares } from '../../sim/engine/parallel-simulator.ts';
import { unsplittable } from '../../sim/engine/partition.ts';
import { DRIVE_BLOCK } from '../../sim/engine/runtime.ts';
import { Simulator } from '../../sim/engine/simulator.ts';
import type { Network } from '../../sim/network/network.ts';
import type { EngineOptions, SimulatorLike } from '../../sim/run.ts';
import { isSpikelabError, SpikelabError } from '../core/errors.ts';
import { cores, parallelSimulator } from '../harness/node/engine-threads.ts';
import { intFlag } from './flags.ts';
import type { CliIo } from './io.ts';

const oneThread = (net: Network, opts: EngineOptions) =>
  new Simulator(net, { ...opts, moveConnectivity: true });

/**
 * Below this size a second thread costs more (its start, a barrier per
 * exchange) than it saves. Measured on the 2-core machine (simulation
 * seconds of 1 s simulated, 1 → 2 threads): CUBA 20,000 0.169 → 0.276 and
 * CUBA 40,000 0.443 → 0.339 (1.6 and 3.2 million synapses); Brunel at scale 0.1 (312,500) 0.071 →
 * 0.089 and at 0.5 (3.9 million) 0.610 → 0.454.
 */
const DEFAULT_THREADS_FROM = { neurons: 30_000, synapses: 3_000_000 };

/** Whether a network without `--threads` runs on the cores. */
export function worthThreads(net: Pick<Network, 'populations' | 'synapses'>): boolean {
  const neurons = net.populations.reduce((s, p) => s + (p.kind === 'neuron' ? p.size : 0), 0);
  return neurons >= DEFAULT_THREADS_FROM.neurons || net.synapses >= DEFAULT_THREADS_FROM.synapses;
}

export function threadsOption(): Option {
  return new Option(
    '--threads <N>',
    'threads of the engine (the same spikes on any number; neurons split between them, spikes exchanged every tick)',
  )
    .argParser(intFlag(1))
    .default(
      undefined,
      `the cores (${cores()}) from ${DEFAULT_THREADS_FROM.neurons.toLocaleString('en-US')} neurons or ${DEFAULT_THREADS_FROM.synapses.toLocaleString('en-US')} synapses, else 1`,
    );
}

/** The engine for `--threads` (undefined: the one-thread Simulator), with its warning printed. */
export function threadedEngine(
  threads: number | undefined,
  io: CliIo,
): ((net: Network, opts: EngineOptions) => SimulatorLike) | undefined {
  const n = threads ?? cores();
  if (threads !== undefined && threads > cores())
    io.err(
      `spikelab: warning: --threads ${threads} is more than the ${cores()} cores; the threads will share them (allowed, usually slower)\n`,
    );
  if (n === 1) return undefined;
  return (net, opts) => {
    if (threads === undefined && !worthThreads(net)) return oneThread(net, opts);
    const why = unsplittable(net);
    if (why !== null) {
      if (threads !== undefined)
        throw new SpikelabError('NOT_APPLICABLE', `--threads: got ${threads}; ${why}; allowed: 1`);
      return oneThread(net, opts);
    }
    const useful = usefulShares(net, n);
    if (useful < n)
      io.err(
        `spikelab: note: ${useful} of the ${n} threads get neurons (a share is at least ${DRIVE_BLOCK} neurons of one population); running on ${useful}\n`,
      );
    if (useful === 1) return oneThread(net, opts);
    try {
      return parallelSimulator(net, { ...opts, threads: useful, releaseConnectivity: true });
    } catch (e) {
      // threads hold the connectivity twice while they take their shares: without --threads,
      // a network that fits once but not twice runs on one thread (checked before any is started)
      if (threads !== undefined || !isSpikelabError(e) || e.code !== 'TOO_LARGE') throw e;
      io.err(`spikelab: note: ${e.message}; running on one thread\n`);
      return oneThread(net, opts);
    }
  };
}
