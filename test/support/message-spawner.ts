/** The page's spawner (asyncShareSpawner) with worker_threads in place of Web Workers: the awaited start, tested in Node. */
import { Worker } from 'node:worker_threads';
import { asyncShareSpawner } from '../../sim/engine/share-spawner.ts';

export const messageSpawner = asyncShareSpawner((job) => {
  const worker = new Worker(new URL('./share-thread.mjs', import.meta.url));
  worker.unref();
  worker.postMessage(job);
  return {
    listen(onReply, onError) {
      worker.once('message', onReply);
      worker.once('error', onError);
    },
    terminate() {
      void worker.terminate();
    },
  };
});
