import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { EDITOR_PAGE } from './editor-page.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
  '.html': 'text/html',
  '.csv': 'text/csv',
  '.json': 'application/json',
};

/**
 * The editor's build inside the npm package: `dist/lsf/{js,css}`. It loads its chunks and its
 * wasm from `<script dir>/../../static/js/`, so it is served under `/static/`.
 */
export function editorBuildDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('label-studio-frontend/package.json')), 'dist', 'lsf');
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Serves `body` at `/media/<name>` (task data the editor fetches by URL, e.g. a CSV). */
  addMedia(name: string, body: string | Uint8Array, type: string): string;
  close(): Promise<void>;
}

/**
 * A static server on 127.0.0.1 (port 0): `/` is the page that mounts the editor, `/static/…` the
 * editor's build from the npm package, `/media/…` what tests add. Nothing else is reachable.
 */
export async function startStaticServer(buildDir = editorBuildDir()): Promise<StaticServer> {
  const media = new Map<string, { body: string | Uint8Array; type: string }>();
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: string | Uint8Array, type = 'text/plain') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'max-age=3600' });
      res.end(body);
    };
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const item = path.startsWith('/media/') ? media.get(path.slice('/media/'.length)) : undefined;
    const file = normalize(join(buildDir, path.slice('/static/'.length)));
    if (path === '/') send(200, EDITOR_PAGE, 'text/html');
    else if (item) send(200, item.body, item.type);
    else if (!path.startsWith('/static/') || !file.startsWith(buildDir + sep)) {
      send(404, `not found: ${path}`);
    } else {
      readFile(file).then(
        (body) => {
          send(200, body, TYPES[extname(file)] ?? 'application/octet-stream');
        },
        () => {
          send(404, `not found: ${path}`);
        },
      );
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    addMedia(name, body, type) {
      media.set(name, { body, type });
      return `${origin}/media/${name}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
      }),
  };
}
