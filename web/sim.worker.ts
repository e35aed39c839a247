/** The engine worker: the API of worker/api.ts over comlink, result buffers transferred. */
import * as Comlink from 'comlink';
import { createSimApi } from './worker/api.ts';
import type { CompareProgress } from './worker/compare-request.ts';
import { pageDataset } from './worker/datasets.ts';
import { browserThreadEnv } from './worker/engine-threads.ts';
import { createLectureApi } from './worker/lecture/api.ts';
import type { ApproximationProgress } from './worker/lecture/approximation.ts';
import { lectureTransferables } from './worker/lecture.ts';
import type { SimProgress } from './worker/result.ts';
import { transferables } from './worker/result.ts';

const api = createSimApi({ loadDataset: pageDataset, threads: browserThreadEnv() });
const lecture = createLectureApi();

/** The page's callback proxy is used for one call: free its port. */
function release(callback: unknown): void {
  (callback as Partial<Comlink.Remote<object>> | undefined)?.[Comlink.releaseProxy]?.();
}

const exposed = {
  ...api,
  ...lecture,
  async simulate(request: unknown, onProgress?: (p: SimProgress) => void) {
    try {
      const r = await api.simulate(request, onProgress);
      return r.ok ? Comlink.transfer(r, transferables(r.result)) : r;
    } finally {
      release(onProgress);
    }
  },
  /** The report is plain data: it crosses as a structured clone. */
  async compare(request: unknown, onProgress?: (p: CompareProgress) => void) {
    try {
      return await api.compare(request, onProgress);
    } finally {
      release(onProgress);
    }
  },
  approximate(request: unknown, onProgress?: (p: ApproximationProgress) => void) {
    try {
      return lecture.approximate(request, onProgress);
    } finally {
      release(onProgress);
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
