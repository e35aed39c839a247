/**
 * The page's handles on its workers. The simulation worker lives as long as
 * the page (one engine thread beside the page on a 2-core machine), with one
 * module-level reference to its comlink proxy: a proxy collected during an
 * await would leave the call pending forever (comlink#692).
 *
 * Comparisons run in a second instance of the same worker, started on the
 * first one: the harness's `compare` holds its thread until it is done, so
 * no cancel message could reach it there, and the page cancels by ending
 * that worker (its proxy released first, comlink#655) and starting afresh
 * next time. The simulation worker stays free for the Simulate view.
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

let comparer: { worker: Worker; remote: Comlink.Remote<WorkerApi> } | null = null;

/** The comparison worker (started on first use). */
export function compareWorker(): Comlink.Remote<WorkerApi> {
  if (!comparer) {
    const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
    comparer = { worker, remote: Comlink.wrap<WorkerApi>(worker) };
  }
  return comparer.remote;
}

/** Ends the comparison worker at once, whatever it is doing; the next comparison starts a new one. */
export function endCompareWorker(): void {
  if (!comparer) return;
  comparer.remote[Comlink.releaseProxy]();
  comparer.worker.terminate();
  comparer = null;
}

export { Comlink };
