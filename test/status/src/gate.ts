import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP gate: every request waits until `open()`, and passes at once after it. Training in
 * any process (the test's own or a worker) waits on it, so the test decides when a fit ends
 * instead of guessing how long it takes.
 */
export async function startGate() {
  const waiting: ServerResponse[] = [];
  let opened = false;
  let arrivals = 0;
  const arrived: (() => void)[] = [];
  const server = createServer((_req, res) => {
    arrivals += 1;
    for (const notify of arrived.splice(0)) notify();
    if (opened) res.end('open');
    else waiting.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/gate`,
    /** Lets every waiting and later request through. */
    open() {
      opened = true;
      for (const res of waiting.splice(0)) res.end('open');
    },
    /** Closes the gate again for the runs that come next. */
    shut() {
      opened = false;
    },
    /** Resolves once `n` requests have arrived in all. */
    async reached(n: number) {
      while (arrivals < n) await new Promise<void>((resolve) => arrived.push(resolve));
    },
    close() {
      for (const res of waiting.splice(0)) res.end('closed');
      return new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      );
    },
  };
}
