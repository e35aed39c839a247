/**
 * The page's handle on the simulation worker. One worker for the page's
 * lifetime (one engine thread beside the page on a 2-core machine), and one
 * module-level reference to its comlink proxy: a proxy collected during an
 * await would leave the call pending forever (comlink#692).
 */
import * as Comlink from 'comlink';
import type { WorkerApi } from './sim.worker.ts';

let remote: Comlink.Remote<WorkerApi> | null = null;
let failure: string | null = null;

export function simWorker(): Comlink.Remote<WorkerApi> {
  if (!remote) {
    // written inline: Vite bundles a worker only from this exact pattern
    const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('error', (e) => {
      failure = e.message || 'the simulation worker could not start';
    });
    remote = Comlink.wrap<WorkerApi>(worker);
  }
  return remote;
}

/** Why the worker failed, if it did (shown in place of a result). */
export function workerFailure(): string | null {
  return failure;
}

export { Comlink };
