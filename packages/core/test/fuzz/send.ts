import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { Answer } from './check-answer.js';
import type { FuzzRequest } from './fuzz-requests.js';

interface AppLike {
  request: (path: string, init: RequestInit) => Response | Promise<Response>;
}

/** Through the Hono app, in-process (a fetch Request cannot carry a GET or HEAD body). */
export async function sendInProcess(app: AppLike, req: FuzzRequest): Promise<Answer> {
  const bodyless = req.method === 'GET' || req.method === 'HEAD';
  const res = await app.request(req.path, {
    method: req.method,
    headers: req.headers,
    ...(bodyless || req.body === undefined ? {} : { body: req.body }),
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    text: await res.text(),
  };
}

/**
 * Over a real socket with Node's HTTP client, which sets Content-Length itself (it refuses a
 * wrong one; lies go through {@link rawExchange}).
 */
export function sendHttp(port: number, req: FuzzRequest): Promise<Answer> {
  const headers = { ...req.headers };
  delete headers['content-length'];
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    outgoing.on('error', reject);
    // A HEAD answer has no body to read, so an error could not be seen: HEAD goes bodiless.
    const body =
      req.body === undefined || req.method === 'HEAD' ? undefined : Buffer.from(req.body);
    outgoing.end(body);
  });
}

/** What the server sent back on a raw connection, and whether it closed it. */
export interface RawOutcome {
  bytes: Buffer;
  /** The first HTTP response in `bytes`, if there is a complete one. */
  answer: Answer | undefined;
}

export interface RawOptions {
  /**
   * Close the client's side after writing, as a client that gave up would: the only way to
   * end a request that promised more body than it sent. Node then aborts a request still in
   * flight (no answer), so complete requests keep their side open.
   */
  halfClose?: boolean;
  /** Stop at the first complete answer (default), or read until the server closes. */
  until?: 'answer' | 'close';
  timeoutMs?: number;
}

/**
 * Writes `bytes` on a fresh TCP connection and collects what the server sends, until its first
 * complete answer or until it closes the connection. A server that holds the connection past
 * `timeoutMs` with no answer is a failure (it would hold Label Studio's request open too).
 */
export function rawExchange(
  port: number,
  bytes: Buffer,
  { halfClose = false, until = 'answer', timeoutMs = 15_000 }: RawOptions = {},
): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      resolve({ bytes: all, answer: parseFirstResponse(all) });
    };
    const timer = setTimeout(() => {
      done = true;
      socket.destroy();
      reject(
        new Error(
          `no answer within ${timeoutMs} ms and the connection is still open; the server sent: ${JSON.stringify(Buffer.concat(chunks).toString('latin1').slice(0, 300))}`,
        ),
      );
    }, timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (until === 'answer' && parseFirstResponse(Buffer.concat(chunks))) finish();
    });
    // A server may reset a connection it refuses; what it sent before still counts.
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(bytes, () => {
      if (halfClose) socket.end();
    });
  });
}

/** The first complete HTTP/1.1 response in `bytes` (Content-Length or chunked body). */
export function parseFirstResponse(bytes: Buffer): Answer | undefined {
  const text = bytes.toString('latin1');
  const headEnd = text.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const [statusLine = '', ...headerLines] = text.slice(0, headEnd).split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) return undefined;
  const header = (name: string) =>
    headerLines
      .find((line) => line.toLowerCase().startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim();
  let rest = bytes.subarray(headEnd + 4);
  let body: Buffer;
  if (header('transfer-encoding')?.toLowerCase() === 'chunked') {
    const parts: Buffer[] = [];
    for (;;) {
      const lineEnd = rest.indexOf('\r\n');
      if (lineEnd < 0) return undefined;
      const size = parseInt(rest.subarray(0, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) return undefined;
      if (size === 0) break;
      parts.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
      rest = rest.subarray(lineEnd + 2 + size + 2);
    }
    body = Buffer.concat(parts);
  } else {
    const length = Number(header('content-length') ?? 0);
    if (rest.byteLength < length) return undefined;
    body = rest.subarray(0, length);
  }
  return {
    status: Number(status),
    contentType: header('content-type') ?? '',
    text: body.toString('utf8'),
  };
}
