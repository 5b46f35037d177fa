import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** The lowest port the kernel hands out for `listen(0)` and outgoing connections. */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low !== undefined && Number.isInteger(low) && low > 20_100) return low;
  } catch {
    // not Linux
  }
  return 49_152; // the IANA dynamic range (macOS, Windows)
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/**
 * A loopback port free now that no one else will take meanwhile. A private Redis leaves its
 * port unbound while it is down (that is the test), and a port from `listen(0)` is in the
 * ephemeral range, which the whole parallel suite's servers and outgoing connections draw
 * from. So the port is chosen below that range, where only explicit binds land.
 */
export async function freePort(): Promise<number> {
  const low = 20_000;
  const high = ephemeralLow();
  for (let i = 0; i < 100; i += 1) {
    const port = low + randomInt(high - low);
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port in ${low}-${high - 1}`);
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
      const started = child;
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      try {
        // Generous: a loaded CI machine can be slow to schedule a fresh process.
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline) {
          if (started.exitCode !== null || started.signalCode !== null) {
            throw new Error(`redis-server on port ${port} exited (port taken?)`);
          }
          try {
            if (probe.status !== 'ready') await probe.connect();
            await probe.ping();
            return;
          } catch {
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        throw new Error(`redis-server on port ${port} did not start within 20 s`);
      } finally {
        probe.disconnect();
      }
    },
    stop,
  };
}
