// The page only starts the worker and exposes its answer to the test.
const results = window as unknown as { result?: unknown };
const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' });
worker.onmessage = (e: MessageEvent) => {
  results.result = e.data;
};
worker.onerror = (e: ErrorEvent) => {
  results.result = { error: e.message };
};
