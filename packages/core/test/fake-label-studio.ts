import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a fake server saw: path and the Authorization header it carried. */
export interface Seen {
  path: string;
  authorization: string | undefined;
}

export interface FakeServer {
  url: string;
  origin: string;
  seen: Seen[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An HTTP server on 127.0.0.1 (random port) recording every request. */
export async function fakeServer(handler: Handler): Promise<FakeServer> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
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

export const IMAGE_BYTES = Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex');

/**
 * Plays Label Studio: uploads, the paginated tasks API, a project, a redirect to `other`,
 * presigning `s3://` URIs per task (a 303 to `other`, like a presigned S3 URL),
 * 401 without the token, 403, 404, endpoints that never answer or stall mid-body, and huge bodies.
 */
export function labelStudioHandler(
  token: string,
  otherOrigin: () => string,
  totalTasks = 250,
): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const authorized = req.headers.authorization === `Token ${token}`;
    const send = (status: number, body: string | Buffer, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (url.pathname.startsWith('/data/upload/')) {
      if (!authorized) {
        send(401, '{"detail":"Authentication credentials were not provided."}');
        return;
      }
      if (url.pathname.endsWith('/missing.png')) {
        send(404, '{"detail":"Not found."}');
        return;
      }
      send(200, IMAGE_BYTES, 'image/png');
      return;
    }
    const presign = /^\/tasks\/([^/]+)\/presign\/$/.exec(url.pathname);
    if (presign) {
      if (!authorized) {
        send(401, '{}');
        return;
      }
      // Label Studio decodes with Python's urlsafe_b64decode: padding is required.
      const fileuri = url.searchParams.get('fileuri') ?? '';
      const uri =
        fileuri.length % 4 === 0 && /^[\w-]*=*$/.test(fileuri)
          ? Buffer.from(fileuri, 'base64url').toString('utf8')
          : '';
      const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
      if (!s3) {
        send(404, '{"detail":"No storage for this URI."}');
        return;
      }
      res.writeHead(303, {
        location: `${otherOrigin()}/${s3[1] ?? ''}/${s3[2] ?? ''}?task=${presign[1] ?? ''}&X-Amz-Signature=s3cr3t`,
      });
      return res.end();
    }
    if (url.pathname === '/redirect-away') {
      res.writeHead(302, { location: `${otherOrigin()}/public/cat.png` });
      return res.end();
    }
    if (url.pathname === '/redirect-home') {
      res.writeHead(302, { location: '/data/upload/1/home.png' });
      return res.end();
    }
    if (url.pathname === '/slow') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(IMAGE_BYTES);
      return; // never ends: the read timeout must fire
    }
    if (url.pathname === '/huge') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(64 * 1024, 1));
      return;
    }
    if (url.pathname === '/hang' || url.pathname === '/api/projects/hang') return; // no headers, ever
    if (url.pathname === '/api/projects/forbidden') {
      send(403, '{"detail":"You do not have permission to perform this action."}');
      return;
    }
    if (url.pathname === '/api/projects/huge') {
      send(200, JSON.stringify({ label_config: 'x'.repeat(64 * 1024) }));
      return;
    }
    if (url.pathname === '/api/projects/stall') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"label_config": "');
      return; // the body never ends: the read timeout must fire
    }
    if (url.pathname === '/api/projects/12') {
      if (authorized) send(200, JSON.stringify({ id: 12, label_config: '<View/>' }));
      else send(401, '{}');
      return;
    }
    if (url.pathname === '/api/tasks') {
      if (!authorized) {
        send(401, '{}');
        return;
      }
      const page = Number(url.searchParams.get('page'));
      const size = Number(url.searchParams.get('page_size'));
      const start = (page - 1) * size;
      if (start >= totalTasks) {
        send(404, '{"detail":"Invalid page."}');
        return;
      }
      const tasks = Array.from({ length: Math.min(size, totalTasks - start) }, (_, i) => {
        const id = start + i + 1;
        // Every third task is unlabeled, every fifth only has a cancelled annotation.
        const annotations = id % 3 === 0 ? [] : [{ id, result: [], was_cancelled: id % 5 === 0 }];
        return { id, data: { text: `t${id}` }, annotations };
      });
      send(200, JSON.stringify({ tasks, total: totalTasks }));
      return;
    }
    send(404, '{"detail":"Not found."}');
  };
}
