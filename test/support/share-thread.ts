/**
 * A worker_threads share thread that behaves as the page's Web Worker
 * (web/share.worker.ts): its job arrives as a message, its one reply leaves
 * as a message, and it runs the same share-serving code.
 */
import { parentPort } from 'node:worker_threads';
import type { ShareJob } from '../../sim/engine/parallel-simulator.ts';
import { serveShare } from '../../sim/engine/share-thread.ts';

const port = parentPort!;
port.once('message', (job: ShareJob) => {
  serveShare({ job }, (reply) => port.postMessage(reply));
  port.close();
});
