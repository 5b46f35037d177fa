import type { Redis } from 'ioredis';
import { LsmlError } from '../errors/index.js';

/**
 * Resolves once `redis` is ready, or after `graceMs`, whichever is first. A process that just
 * started is still connecting; an API connection (no offline queue) would fail its first calls.
 */
export async function untilReady(redis: Redis, graceMs = 300): Promise<boolean> {
  if (isReady(redis)) return true;
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  await new Promise<void>((resolve) => {
    onReady = resolve;
    timer = setTimeout(resolve, graceMs);
    redis.once('ready', onReady);
  });
  clearTimeout(timer);
  if (onReady) redis.off('ready', onReady);
  return isReady(redis);
}

function isReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/**
 * Runs a Redis call and turns a failure into `QUEUE_UNAVAILABLE` (503) with a message Label
 * Studio can show: while Redis is down, training events can be neither stored nor queued.
 */
export async function withRedis<T>(
  redis: Redis,
  where: string,
  work: () => Promise<T>,
): Promise<T> {
  await untilReady(redis);
  try {
    return await work();
  } catch (error) {
    throw redisUnavailable(where, error);
  }
}

export function redisUnavailable(where: string, cause: unknown): LsmlError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LsmlError(
    'QUEUE_UNAVAILABLE',
    `The training queue is unavailable: Redis at ${where} did not answer (${reason}). Predictions still work; training events are not recorded until Redis is back, then send them again or press Start Training.`,
    { cause },
  );
}
