import { createServer } from 'node:net';

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Polls `url` until it answers 200, or fails after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return res;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const SERVING = /^lsml: serving .* at http:\/\/[^\s:]+:(\d+) /m;

/**
 * The port `lsml start … --port 0` serves on, read from the line it prints once listening.
 * With port 0 the OS picks the port at bind time, so nothing else in a parallel suite can
 * take it between choosing and binding (as it can a port from {@link freePort}).
 */
export async function servingPort(
  stderr: () => string,
  exited: Promise<unknown>,
  timeoutMs = 120_000,
): Promise<number> {
  const run = { ended: false };
  const ended = () => {
    run.ended = true;
  };
  void exited.then(ended, ended);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = SERVING.exec(stderr());
    if (match) return Number(match[1]);
    if (run.ended) throw new Error(`lsml start ended before serving: ${stderr()}`);
    if (Date.now() > deadline) {
      throw new Error(`lsml start did not serve within ${timeoutMs} ms: ${stderr()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
