/**
 * The worker thread's side of a shared on-chip run (on-chip-worker.ts):
 * builds the same TrueNorth deployment from the classifier, simulates its
 * share of the samples, and posts the result (or the error) on its port,
 * then raises the done flag the waiting thread sleeps on. Samples done so
 * far are published as they complete, so the waiting side can tell a slow
 * run from a dead one.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import { isSpikelabError } from '../../core/errors.ts';
import { type OnChipJob, runOnChipJob } from '../run/on-chip.ts';
import { DONE, PROGRESS } from './on-chip-signal.ts';

const { job, port, signal } = workerData as {
  job: OnChipJob;
  port: MessagePort;
  signal: Int32Array;
};

try {
  const part = runOnChipJob(job, (done) => Atomics.store(signal, PROGRESS, done + 1));
  port.postMessage({ part });
} catch (e) {
  port.postMessage({
    error: {
      message: e instanceof Error ? e.message : String(e),
      code: isSpikelabError(e) ? e.code : null,
    },
  });
} finally {
  Atomics.store(signal, DONE, 1);
  Atomics.notify(signal, DONE);
  port.close();
}
