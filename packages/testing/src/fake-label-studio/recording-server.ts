import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a fake server saw: method, path (with query) and the Authorization header it carried. */
export interface Seen {
  method: string;
  path: string;
  authorization: string | undefined;
}

/** A running fake server: where it listens, what it saw, and how to stop it. */
export interface FakeServer {
  url: string;
  origin: string;
  seen: Seen[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * An HTTP server on 127.0.0.1 (a port the OS picks) recording every request.
 *
 * @example
 * const files = await fakeServer((_req, res) => res.end('hello'));
 * await fetch(`${files.url}/a.txt`);
 * files.seen; // [{ method: 'GET', path: '/a.txt', authorization: undefined }]
 * await files.close();
 */
export async function fakeServer(handler: Handler): Promise<FakeServer> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({
      method: req.method ?? 'GET',
      path: req.url ?? '',
      authorization: req.headers.authorization,
    });
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      // A bug in a fake must fail the test that hit it loudly, not hang it.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`fake server error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin,
    origin,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
