/**
 * COOP and COEP: the headers that make a page `crossOriginIsolated`, so it
 * may share memory (SharedArrayBuffer) between its workers. The page loads
 * nothing from other origins, so `require-corp` costs it nothing. Served by
 * `spikelab web` (static-server.ts) and by Vite's dev and preview servers.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;
