/**
 * A worker thread of the parallel engine (engine-threads.ts): serves its
 * share (sim/engine/share-thread.ts), its one reply posted on its port and
 * signalled in shared memory, which the blocking `waitReady` waits on.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import type { ShareJob } from '../../../sim/engine/parallel-simulator.ts';
import { type ShareReply, serveShare } from '../../../sim/engine/share-thread.ts';
import { READY } from './engine-threads.ts';

const data = workerData as { job: ShareJob | null; port: MessagePort; signal: Int32Array };
const { port, signal } = data;

serveShare(data, (reply: ShareReply) => {
  port.postMessage(reply);
  Atomics.add(signal, READY, 1);
  Atomics.notify(signal, READY);
});
port.close();
