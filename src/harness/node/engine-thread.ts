/**
 * A worker thread of the parallel engine (engine-threads.ts): builds its
 * share of the network, says so on its port, then serves the lock-step
 * commands until exit. An error while building is posted with its code;
 * one while running marks the share failed, so no thread waits for it.
 */
import { type MessagePort, workerData } from 'node:worker_threads';
import type { ShareRunner } from '../../../sim/engine/lockstep.ts';
import { buildShare, type ShareJob } from '../../../sim/engine/parallel-simulator.ts';
import { isSpikelabError } from '../../core/errors.ts';
import { READY, type ShareReply } from './engine-threads.ts';

const data = workerData as { job: ShareJob | null; port: MessagePort; signal: Int32Array };
const { port, signal } = data;

const say = (reply: ShareReply) => {
  port.postMessage(reply);
  Atomics.add(signal, READY, 1);
  Atomics.notify(signal, READY);
};

let runner: ShareRunner | null = null;
try {
  runner = buildShare(data.job!);
  // the whole network's shared connectivity is no longer needed here
  data.job = null;
  say({ ready: true });
} catch (e) {
  say({
    error: {
      message: e instanceof Error ? e.message : String(e),
      code: isSpikelabError(e) ? e.code : null,
    },
  });
}
if (runner) {
  try {
    runner.serve();
  } catch (e) {
    runner.fail();
    throw e;
  }
}
port.close();
