import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A free loopback port. */
export async function freePort(): Promise<number> {
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

/**
 * A throwaway redis-server on `port` (loopback, no persistence) that a test can stop and start
 * again to play a Redis outage. Only this test's server is touched.
 */
export function privateRedis(port: number) {
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => {
        resolve();
      });
      running.kill('SIGKILL');
    });
  };
  return {
    url,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        for (let i = 0; i < 50; i += 1) {
          try {
            if (probe.status !== 'ready') await probe.connect();
            await probe.ping();
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        throw new Error(`redis-server on port ${port} did not start`);
      } finally {
        probe.disconnect();
      }
    },
    stop,
  };
}
