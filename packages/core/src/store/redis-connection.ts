import { Redis, type RedisOptions } from 'ioredis';

/** Where Redis is: `REDIS_URL`, or `REDIS_HOST` + `REDIS_PORT`. Default `redis://127.0.0.1:6379`. */
export interface RedisLocation {
  url?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
}

/**
 * `api` connections fail fast while Redis is down (a webhook must answer 503 within Label
 * Studio's 1 s, not hang in ioredis's offline queue); `worker` connections wait for Redis to
 * come back, as BullMQ needs (`maxRetriesPerRequest: null`).
 */
export type ConnectionRole = 'api' | 'worker' | 'subscriber';

/** `host:port` for messages, without any password a URL may carry. */
export function describeRedis(location: RedisLocation): string {
  if (location.url) {
    try {
      const url = new URL(location.url);
      return `${url.hostname}:${url.port || '6379'}`;
    } catch {
      return 'the configured REDIS_URL';
    }
  }
  return `${location.host ?? '127.0.0.1'}:${location.port ?? 6379}`;
}

const ROLE_OPTIONS: Record<ConnectionRole, RedisOptions> = {
  api: {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 2_000,
    connectTimeout: 2_000,
  },
  // Subscribing must survive a restart: queued until connected, then re-subscribed by ioredis.
  subscriber: { maxRetriesPerRequest: null },
  worker: { maxRetriesPerRequest: null },
};

/**
 * Opens an ioredis connection for `role`. Reconnects forever, at most 2 s apart, so a restarted
 * Redis is picked up without restarting the process.
 *
 * @example
 * const redis = connectRedis({ url: 'redis://127.0.0.1:6379' }, 'worker');
 */
export function connectRedis(location: RedisLocation, role: ConnectionRole): Redis {
  const options: RedisOptions = {
    ...ROLE_OPTIONS[role],
    retryStrategy: (times) => Math.min(100 * times, 2_000),
  };
  return location.url
    ? new Redis(location.url, options)
    : new Redis({ host: location.host ?? '127.0.0.1', port: location.port ?? 6379, ...options });
}
