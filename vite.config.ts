import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { ISOLATION_HEADERS } from './src/io/isolation-headers.ts';

// Absolute paths: `spikelab web` builds through Vite's API from any working directory.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./web'),
  base: './',
  build: { outDir: here('./dist/web'), emptyOutDir: true, target: 'es2022' },
  // ES module workers: code-split chunks (and dynamic imports) work inside them
  worker: { format: 'es' },
  // cross-origin isolated as `spikelab web` serves it: SharedArrayBuffer, so the engine's threads
  server: { headers: ISOLATION_HEADERS },
  preview: { host: '127.0.0.1', port: 5180, strictPort: true, headers: ISOLATION_HEADERS },
  test: {
    root: here('.'),
    include: ['test/**/*.test.ts'],
    // Type tests: tsc checks *.test-d.ts files (expectTypeOf fails the run when a type is wrong);
    // at run time expectTypeOf is a no-op, so these files are never executed.
    typecheck: {
      enabled: true,
      include: ['test/**/*.test-d.ts'],
      tsconfig: './tsconfig.test-d.json',
    },
    environment: 'node',
    // a CLI spawned by a test runs the sources under test, never a stale dist/
    env: { SPIKELAB_FROM_SOURCES: '1' },
    // Scientific tests simulate networks and train models: a generous limit that only catches hangs.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One worker per core at most: oversubscribing the 2 cores slows every test down.
    maxWorkers: 2,
  },
});
