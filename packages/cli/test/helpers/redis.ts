import { createConnection } from 'node:net';
import { connectRedis } from '@lsml/core';

/**
 * True when a Redis answers PING at host:port within 5 s. A Redis that is down refuses the
 * connection at once; the wait only matters for a slow answer, which a CI machine loaded by
 * the whole suite can give (and where LSML_REQUIRE_REDIS=1 turns "no answer" into a failure).
 */
export function redisAnswers(host = '127.0.0.1', port = 6379): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(5_000, () => {
      done(false);
    });
    socket.once('error', () => {
      done(false);
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      done(data.toString().startsWith('+PONG'));
    });
  });
}

/** Deletes every key under `prefix`, so each test leaves Redis as it found it. */
export async function wipeRedisPrefix(prefix: string): Promise<void> {
  const redis = connectRedis({ host: '127.0.0.1', port: 6379 }, 'worker');
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
