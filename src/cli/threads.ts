/**
 * `--threads N`: the engine over N threads of this process (default: the
 * machine's cores for a network large enough to gain from them, else one).
 * More threads than cores is legal, as in NEST and
 * Brian2, but they then take turns on the cores: said once on stderr. A
 * network the engine cannot split (a model drawing from one random stream
 * per population) runs on one thread; asking for more explicitly is refused.
 * The rule is the page's too (sim/engine/threads-rule.ts).
 */
import { Option } from 'commander';
import { Simulator } from '../../sim/engine/simulator.ts';
import {
  chooseThreads,
  DEFAULT_THREADS_FROM,
  oneThreadInstead,
} from '../../sim/engine/threads-rule.ts';
import type { Network } from '../../sim/network/network.ts';
import type { EngineOptions, SimulatorLike } from '../../sim/run.ts';
import { cores, parallelSimulator } from '../harness/node/engine-threads.ts';
import { intFlag } from './flags.ts';
import type { CliIo } from './io.ts';

const oneThread = (net: Network, opts: EngineOptions) =>
  new Simulator(net, { ...opts, moveConnectivity: true });

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
    const choice = chooseThreads(net, { asked: threads, cores: cores(), field: '--threads' });
    if (choice.reason === 'blocks')
      io.err(`spikelab: note: ${choice.note}; running on ${choice.threads}\n`);
    if (choice.threads === 1) return oneThread(net, opts);
    try {
      return parallelSimulator(net, {
        ...opts,
        threads: choice.threads,
        releaseConnectivity: true,
      });
    } catch (e) {
      // threads hold the connectivity twice while they take their shares: without --threads,
      // a network that fits once but not twice runs on one thread (checked before any is started)
      if (!oneThreadInstead(e, threads)) throw e;
      io.err(`spikelab: note: ${(e as Error).message}; running on one thread\n`);
      return oneThread(net, opts);
    }
  };
}
