/**
 * The engine's shares on Node's worker_threads (sim/engine/parallel-simulator.ts):
 * one worker per share beyond the first, each building its share from the
 * job (the network's connectivity in shared memory, filtered there), then
 * serving the lock-step commands. `waitReady` blocks (Atomics.wait) until
 * every share is built, so a simulation stays synchronous; a worker's
 * error, with its code, is thrown from there.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { BackendName } from '../../../sim/engine/backend.ts';
import type { SpikeListener } from '../../../sim/engine/listener.ts';
import {
  ParallelSimulator,
  type ShareJob,
  type ShareSpawner,
  type ShareThreads,
} from '../../../sim/engine/parallel-simulator.ts';
import type { ShareReply } from '../../../sim/engine/share-thread.ts';
import type { Network } from '../../../sim/network/network.ts';
import { SpikelabError } from '../../core/errors.ts';

/** Compiled: the module next to this one; from the sources: a loader that registers tsx first. */
const THREAD_ENTRY = import.meta.url.endsWith('.ts') ? './engine-thread.mjs' : './engine-thread.js';

/** Longest wait for a share to be built (the microcircuit's filtering takes seconds). */
const BUILD_SECONDS = 600;

export const READY = 0;

export const nodeShareSpawner: ShareSpawner = (jobs: ShareJob[]): ShareThreads => {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const started = jobs.map((job) => {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL(THREAD_ENTRY, import.meta.url), {
      workerData: { job, port: port2, signal },
      transferList: [port2],
    });
    worker.unref();
    // a share that fails while running marks itself failed in shared memory first, and the
    // waiting threads throw from there; the worker's own error event must not end the process
    worker.on('error', () => {});
    return { worker, port: port1, job };
  });
  return {
    waitReady() {
      const until = Date.now() + BUILD_SECONDS * 1000;
      const pending = new Set(started);
      while (pending.size > 0) {
        const seen = Atomics.load(signal, READY);
        for (const s of [...pending]) {
          const reply = receiveMessageOnPort(s.port)?.message as ShareReply | undefined;
          if (reply === undefined) continue;
          if ('error' in reply) {
            const message = `engine thread ${s.job.share}: ${reply.error.message}`;
            throw reply.error.code
              ? new SpikelabError(reply.error.code, message)
              : new Error(message);
          }
          pending.delete(s);
        }
        if (pending.size === 0) break;
        if (Date.now() > until)
          throw new Error(
            `engine threads: not built after ${BUILD_SECONDS} s; rerun with --threads 1`,
          );
        Atomics.wait(signal, READY, seen, 1000);
      }
    },
    close() {
      for (const s of started) {
        s.port.close();
        void s.worker.terminate();
      }
    },
  };
};

/** Logical cores of this machine. */
export const cores = (): number => availableParallelism();

/** A simulator of `net` over `threads` threads of this process. */
export function parallelSimulator(
  net: Network,
  opts: {
    threads: number;
    listeners?: SpikeListener[];
    backend?: BackendName;
    memoryBudgetBytes?: number;
    releaseConnectivity?: boolean;
  },
): ParallelSimulator {
  return new ParallelSimulator(net, { ...opts, spawner: nodeShareSpawner, cores: cores() });
}
