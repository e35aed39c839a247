/**
 * The static server behind `spikelab web` and the browser test: files with
 * the MIME types browsers insist on for module scripts and workers, index.html
 * for directories, 404 for what is missing, nothing outside the root, and the
 * cross-origin isolation headers on every answer.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/cli/commands/web.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { type StaticServer, serveStatic } from '../../src/io/static-server.ts';

const root = mkdtempSync(join(tmpdir(), 'spikelab-static-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(root, 'assets', 'sim.worker-abc.js'), 'export {};');
writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
writeFileSync(join(root, 'assets', 'kernels.wasm'), new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
writeFileSync(join(root, '.env'), 'hidden');
writeFileSync(join(tmpdir(), 'spikelab-secret.txt'), 'secret');

let s: StaticServer;

/** The status of a GET with the path sent as written (fetch would normalise ../ away). */
function rawStatus(path: string): Promise<number> {
  const { hostname, port } = new URL(s.url);
  return new Promise((ok, fail) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      ok(res.statusCode ?? 0);
    })
      .on('error', fail)
      .end();
  });
}
beforeAll(async () => {
  s = await serveStatic(root, { port: 0 });
});
afterAll(() => s.close());

describe('serveStatic', () => {
  it('serves / as index.html (text/html) on 127.0.0.1', async () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await fetch(s.url);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(await r.text()).toContain('<title>x</title>');
  });

  it('serves a worker script as text/javascript (module workers refuse other types)', async () => {
    const r = await fetch(`${s.url}assets/sim.worker-abc.js`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/javascript');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves WebAssembly as application/wasm (streaming compilation requires it)', async () => {
    const r = await fetch(`${s.url}assets/kernels.wasm`);
    expect(r.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await r.arrayBuffer())).toHaveLength(8);
  });

  it('decodes %20 in paths and ignores query strings', async () => {
    const r = await fetch(`${s.url}assets/a%20b.css?v=1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/css');
  });

  it('every answer is cross-origin isolated (COOP same-origin, COEP require-corp): the page needs SharedArrayBuffer for threads', async () => {
    for (const path of ['', 'assets/sim.worker-abc.js', 'assets/kernels.wasm', 'nope.js']) {
      const r = await fetch(`${s.url}${path}`);
      expect(r.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      expect(r.headers.get('cross-origin-embedder-policy'), path).toBe('require-corp');
    }
  });

  it('404 for a missing file, 405 for POST', async () => {
    expect((await fetch(`${s.url}nope.js`)).status).toBe(404);
    expect((await fetch(s.url, { method: 'POST' })).status).toBe(405);
  });

  it('never serves a file outside the root (raw ../ and encoded %2e%2e), nor dot files', async () => {
    for (const path of [
      '/../spikelab-secret.txt',
      '/%2e%2e/spikelab-secret.txt',
      '/assets/..%2f..%2fspikelab-secret.txt',
      '/%E0%A4%A',
      '/.env',
    ]) {
      expect(await rawStatus(path), path).toBe(404);
    }
  });

  it('a port in use is a clear error naming --port', async () => {
    const port = Number(new URL(s.url).port);
    await expect(serveStatic(root, { port })).rejects.toThrow(
      /--port: got \d+; allowed: a free port/,
    );
  });
});

describe('spikelab web', () => {
  it('serves an existing site without building, and prints its URL', async () => {
    const io = memoryIo();
    const w = await startWeb({ port: 0, host: '127.0.0.1', dir: root }, io);
    try {
      expect(io.stdout.join('')).toContain(w.url);
      expect((await fetch(w.url)).status).toBe(200);
    } finally {
      await w.close();
    }
  });
});
