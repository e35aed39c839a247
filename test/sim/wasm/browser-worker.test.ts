/**
 * The WebAssembly backend in a browser module worker (where the web UI runs
 * the simulator): the worker imports sim/ as bundled by Vite, validates SIMD,
 * and runs CUBA and Brunel on both backends with the same spikes. Needs
 * Debian's chromium (test/support/chromium.ts); skipped where it is not installed, except
 * where SPIKELAB_REQUIRE_BROWSER is set (CI), where a missing browser fails.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { browserRequired, chromiumArgs, chromiumPath } from '../../support/chromium.ts';

const CHROMIUM = chromiumPath();
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };

describe('WebAssembly backend in a browser worker', () => {
  it.skipIf(!CHROMIUM && !browserRequired())(
    'Chromium module worker: SIMD validates, wasm and js give the same spikes for CUBA and Brunel',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'spikelab-worker-'));
      await build({
        root: join(import.meta.dirname, 'browser'),
        logLevel: 'error',
        worker: { format: 'es' },
        build: { outDir: out, emptyOutDir: true },
      });
      const server = createServer((req, res) => {
        const path = join(out, req.url === '/' ? 'index.html' : (req.url ?? ''));
        if (!path.startsWith(out) || !existsSync(path)) {
          res.writeHead(404).end();
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        res.end(readFileSync(path));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const browser = await chromium.launch({
        executablePath: CHROMIUM ?? 'chromium (not installed)',
        args: chromiumArgs,
      });
      try {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
        await page.waitForFunction(() => (window as { result?: unknown }).result !== undefined);
        const result = (await page.evaluate(() => (window as { result?: unknown }).result)) as {
          simd: boolean;
          runs: { backend: string; cuba: number; brunel: number; events: number }[];
        };
        expect(errors).toEqual([]);
        expect(result.simd).toBe(true);
        const [wasm, js] = result.runs;
        expect(wasm!.backend).toBe('wasm');
        expect(js!.backend).toBe('js');
        expect(wasm!.cuba).toBeGreaterThan(1000); // 200 ms of CUBA: ≈ 4,500 spikes
        expect({ ...wasm, backend: 'js' }).toEqual(js);
      } finally {
        await browser.close();
        server.close();
        rmSync(out, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
