/**
 * A static file server for the built site on 127.0.0.1, built on `sirv`
 * (the same kind of server `astro preview` uses). Used by the e2e tests and
 * by the benchmark scripts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';

export interface StaticServer {
  /** e.g. `http://127.0.0.1:43125` */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serve `dir` on 127.0.0.1 at `port` (0 = any free port).
 *
 * @param dir folder of the built site, e.g. `dist`
 * @param port TCP port, 0 for an ephemeral one
 * @throws when the port cannot be bound
 */
export async function startStaticServer(dir: string, port = 0): Promise<StaticServer> {
  const handler = sirv(dir, { dev: false, etag: true, gzip: false, brotli: false, extensions: ['html'] });
  const server: Server = createServer((req, res) => {
    handler(req, res, () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
