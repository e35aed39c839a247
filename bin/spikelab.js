#!/usr/bin/env node
// Runs the compiled CLI (dist/, built by `npm ci` through `prepare`, and by
// `npm pack`). In a checkout without a build, or with SPIKELAB_FROM_SOURCES=1
// (the tests set it, so they never run a stale build), it runs the
// TypeScript sources through tsx, a development dependency.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/src/cli/main.js', import.meta.url);
let main;
if (process.env.SPIKELAB_FROM_SOURCES !== '1' && existsSync(compiled)) {
  ({ main } = await import(compiled.href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
