/**
 * The engine's share threads in the browser: one module Web Worker per share
 * beyond the first (share.worker.ts, bundled by Vite), its job posted to it
 * (the connectivity in SharedArrayBuffers, shared, not copied), its reply
 * awaited (asyncShareSpawner). Nested workers: this runs in the engine worker.
 */
import { asyncShareSpawner } from '../../sim/engine/share-spawner.ts';
import type { ThreadEnv } from './page-threads.ts';

export const webShareSpawner = asyncShareSpawner((job) => {
  const worker = new Worker(new URL('../share.worker.ts', import.meta.url), {
    type: 'module',
    name: `engine share ${job.share}`,
  });
  worker.postMessage(job);
  return {
    listen(onReply, onError) {
      worker.onmessage = (e) => onReply(e.data);
      worker.onerror = (e) => {
        // the error is the run's to report, not the console's
        e.preventDefault();
        onError(new Error(e.message || 'its worker did not start'));
      };
    },
    terminate() {
      worker.terminate();
    },
  };
});

/** This worker's: cross-origin isolation, the cores, Web Workers when it can create them. */
export function browserThreadEnv(): ThreadEnv {
  return {
    isolated: globalThis.crossOriginIsolated === true,
    cores: Math.max(1, navigator.hardwareConcurrency || 1),
    spawner: typeof Worker === 'function' ? webShareSpawner : null,
  };
}
