import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: 'web',
  base: './',
  build: { outDir: '../dist/web', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
  test: {
    root: '.',
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Scientific tests simulate networks and train models: a generous limit that only catches hangs.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // One worker per core at most: oversubscribing the 2 cores slows every test down.
    maxWorkers: 2,
  },
});
