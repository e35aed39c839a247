/** A share thread of the engine (worker/engine-threads.ts): its job arrives as the first message; it serves its share until exit. */
import type { ShareJob } from '../sim/engine/parallel-simulator.ts';
import { serveShare } from '../sim/engine/share-thread.ts';

self.onmessage = (e: MessageEvent<ShareJob>) => {
  self.onmessage = null;
  serveShare({ job: e.data }, (reply) => self.postMessage(reply));
  self.close();
};
