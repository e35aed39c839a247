/** The engine worker: the API of worker/api.ts over comlink, result buffers transferred. */
import * as Comlink from 'comlink';
import { createSimApi } from './worker/api.ts';
import { lectureTransferables } from './worker/lecture.ts';
import type { SimProgress } from './worker/result.ts';
import { transferables } from './worker/result.ts';

const api = createSimApi();

const exposed = {
  ...api,
  async simulate(request: unknown, onProgress?: (p: SimProgress) => void) {
    try {
      const r = await api.simulate(request, onProgress);
      return r.ok ? Comlink.transfer(r, transferables(r.result)) : r;
    } finally {
      // the page's callback proxy is used once per run: free its port
      (onProgress as Partial<Comlink.Remote<object>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
  xor(request?: unknown) {
    const r = api.xor(request);
    return r.ok ? Comlink.transfer(r, lectureTransferables(r.result)) : r;
  },
  activations() {
    const c = api.activations();
    return Comlink.transfer(c, lectureTransferables(c));
  },
};

export type WorkerApi = typeof exposed;
Comlink.expose(exposed);
