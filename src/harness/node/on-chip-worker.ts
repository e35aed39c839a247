/**
 * Runs a share of the TrueNorth deployment's samples on a worker thread
 * (Node's worker_threads), for `compare` on a 2-core machine: the worker
 * simulates its share while this thread simulates its own. `wait()` blocks (Atomics.wait) until the worker is done,
 * so `compare` stays synchronous; a worker that makes no progress for
 * `STALL_SECONDS` is stopped with an error rather than waited on forever.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { CounterSnapshot } from '../../../sim/hardware/event-counter.ts';
import { type ErrorCode, SpikelabError } from '../../core/errors.ts';
import type { OnChipJob, OnChipPart, OnChipStarter, PendingOnChip } from '../run/on-chip.ts';
import { DONE, PROGRESS, SIGNAL_SLOTS } from './on-chip-signal.ts';

/**
 * The thread's entry: the compiled module next to this one in a build, or,
 * run from the TypeScript sources, a small loader that registers tsx first.
 */
const THREAD_ENTRY = import.meta.url.endsWith('.ts')
  ? './on-chip-thread.mjs'
  : './on-chip-thread.js';

/** Longest wait without a sample finishing (or, at first, the deployment being built). */
const STALL_SECONDS = 120;

type Reply =
  | { part: { correctByTick: Float64Array; synapticEvents: number; counter: CounterSnapshot } }
  | { error: { message: string; code: ErrorCode | null } };

export const startOnChipWorker: OnChipStarter = (job: OnChipJob): PendingOnChip => {
  const signal = new Int32Array(new SharedArrayBuffer(4 * SIGNAL_SLOTS));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL(THREAD_ENTRY, import.meta.url), {
    workerData: { job, port: port2, signal },
    transferList: [port2],
  });
  // the process may end without it (an error elsewhere): never wait for it at exit
  worker.unref();
  let result: OnChipPart | null = null;
  return {
    from: job.from,
    wait(onProgress?: (done: number) => void): OnChipPart {
      if (result) return result;
      let seen = -1;
      let since = Date.now();
      while (Atomics.load(signal, DONE) === 0) {
        Atomics.wait(signal, DONE, 0, 1000);
        const progress = Atomics.load(signal, PROGRESS);
        if (progress !== seen) {
          seen = progress;
          since = Date.now();
          if (progress > 1) onProgress?.(progress - 1);
        } else if (Date.now() - since > STALL_SECONDS * 1000) {
          void worker.terminate();
          throw new Error(
            `on-chip worker: no sample finished in ${STALL_SECONDS} s (samples ${job.from}–${job.to - 1}); rerun, or run on one thread (spikelab compare --threads 1)`,
          );
        }
      }
      const reply = receiveMessageOnPort(port1)?.message as Reply | undefined;
      port1.close();
      if (reply === undefined || 'error' in reply) {
        // the worker's own error keeps its code (bad input, too large); anything else is internal
        const message = `on-chip worker (samples ${job.from}–${job.to - 1}): ${reply?.error.message ?? 'ended without a result'}`;
        throw reply?.error.code ? new SpikelabError(reply.error.code, message) : new Error(message);
      }
      result = reply.part;
      onProgress?.(job.to - job.from);
      return result;
    },
  };
};
