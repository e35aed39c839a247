/** The simulation worker: the API of worker/api.ts over comlink, result buffers transferred. */
import * as Comlink from 'comlink';
import { createSimApi } from './worker/api.ts';
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
};

export type SimWorkerApi = typeof exposed;
Comlink.expose(exposed);
