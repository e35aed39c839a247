/**
 * A ShareSpawner whose threads say they are built by message, awaited
 * (`ShareThreads.ready`) rather than waited for: a Web Worker cannot start,
 * nor its messages arrive, while its creator blocks. The platform gives
 * `start`, which starts one thread on a job (web/worker/engine-threads.ts:
 * Web Workers; a test: worker_threads); every thread runs share-thread.ts.
 */
import { SpikelabError } from '../../src/core/errors.ts';
import type { ShareJob, ShareSpawner, ShareThreads } from './parallel-simulator.ts';
import type { ShareReply } from './share-thread.ts';

/** One started thread: its reply (or its failure to start at all), and a way to end it. */
export interface ShareEndpoint {
  listen(onReply: (reply: ShareReply) => void, onError: (e: Error) => void): void;
  terminate(): void;
}

/** Longest wait for a share to be built (the microcircuit's filtering takes seconds). */
const BUILD_SECONDS = 600;

export function asyncShareSpawner(start: (job: ShareJob) => ShareEndpoint): ShareSpawner {
  return (jobs: ShareJob[]): ShareThreads => {
    const started = jobs.map((job) => {
      const endpoint = start(job);
      const built = new Promise<void>((ok, fail) => {
        endpoint.listen(
          (reply) => {
            if (!('error' in reply)) return ok();
            const message = `engine thread ${job.share}: ${reply.error.message}`;
            fail(
              reply.error.code ? new SpikelabError(reply.error.code, message) : new Error(message),
            );
          },
          (e) => fail(new Error(`engine thread ${job.share}: ${e.message}`)),
        );
      });
      return { endpoint, built };
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    return {
      async ready() {
        const late = new Promise<never>((_, fail) => {
          timer = setTimeout(
            () => fail(new Error(`engine threads: not built after ${BUILD_SECONDS} s`)),
            BUILD_SECONDS * 1000,
          );
        });
        try {
          await Promise.race([Promise.all(started.map((s) => s.built)), late]);
        } finally {
          clearTimeout(timer);
        }
      },
      close() {
        clearTimeout(timer);
        for (const s of started) s.endpoint.terminate();
      },
    };
  };
}
