/**
 * The static file server for the built web app: sirv's handler (files listed
 * once at start, so no request can name a path outside the root; the MIME
 * types module scripts and workers need, `application/wasm`, ETags) behind
 * node:http, with GET and HEAD only and errors that name the flag at fault.
 * Every answer carries the cross-origin isolation headers: without them the
 * page has no SharedArrayBuffer, and its engine no threads.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { SpikelabError } from '../core/errors.ts';
import { ISOLATION_HEADERS } from './isolation-headers.ts';

export interface StaticServer {
  readonly server: Server;
  /** `http://host:port/` as bound (the actual port when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveStatic(
  root: string,
  opts: { port?: number; host?: string } = {},
): Promise<StaticServer> {
  const host = opts.host ?? '127.0.0.1';
  const files = sirv(root, {
    etag: true,
    dotfiles: false,
    setHeaders: (res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  const server = createServer((req, res) => {
    for (const [k, v] of Object.entries(ISOLATION_HEADERS)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      fail(
        e.code === 'EADDRINUSE'
          ? new SpikelabError(
              'INVALID_ARGUMENT',
              `--port: got ${opts.port}; allowed: a free port (${opts.port} is in use; --port 0 picks one)`,
            )
          : e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN'
            ? new SpikelabError(
                'INVALID_ARGUMENT',
                `--host: got ${JSON.stringify(host)}; allowed: an address of this machine`,
              )
            : e,
      );
    });
    server.listen(opts.port ?? 0, host, () => ok());
  });
  const addr = server.address() as AddressInfo;
  const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${shownHost}:${addr.port}/`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
