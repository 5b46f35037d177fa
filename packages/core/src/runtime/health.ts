import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { untilReady } from '../store/index.js';
import type { BackendRuntime } from './backend-runtime.js';

/** A worker writes its heartbeat this often… */
export const HEARTBEAT_EVERY_MS = 10_000;
/** …and counts as alive for this long after its last one. */
export const WORKER_ALIVE_MS = 30_000;
/** Checks are cached this long: Label Studio calls /health before every prediction batch. */
const CACHE_MS = 2_000;
/** A Redis that has not answered a PING by then counts as unreachable (Label Studio waits 1 s). */
const PING_TIMEOUT_MS = 500;

export interface DependencyCheck {
  ok: boolean;
  detail: string;
}

/** What `/health` reports besides the status: each dependency, and whether training can run. */
export interface HealthReport {
  /** False with `reason` when an annotation would be stored but never trained on. */
  canTrain: boolean;
  reason?: string | undefined;
  checks: {
    modelStore: DependencyCheck;
    redis?: DependencyCheck | undefined;
    workers?: (DependencyCheck & { alive: number }) | undefined;
  };
}

export interface HealthOptions {
  /** An API replica with the queue trainer needs a live worker to train; a worker is one. */
  needsWorkers: boolean;
  /** How long a result is reused. Default 2 s. */
  cacheMs?: number;
}

/**
 * Checks what training depends on, cached for a moment: the model store is writable (a probe
 * file), and in production Redis answers and (for an API replica) some worker sent a heartbeat
 * within {@link WORKER_ALIVE_MS}.
 */
export function healthChecker(
  runtime: BackendRuntime<unknown>,
  { needsWorkers, cacheMs = CACHE_MS }: HealthOptions,
): () => Promise<HealthReport> {
  let cached: { at: number; report: Promise<HealthReport> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at >= cacheMs)
      cached = { at: now, report: check(runtime, needsWorkers) };
    return cached.report;
  };
}

async function check(
  runtime: BackendRuntime<unknown>,
  needsWorkers: boolean,
): Promise<HealthReport> {
  const [modelStore, redis] = await Promise.all([
    storeWritable(runtime.store.root),
    runtime.redis ? redisAnswers(runtime) : undefined,
  ]);
  const workers =
    runtime.redis && needsWorkers && redis?.ok ? await workersAlive(runtime) : undefined;
  const failed = [
    modelStore.ok ? undefined : `the model store is not writable (${modelStore.detail})`,
    redis && !redis.ok ? `Redis is unreachable (${redis.detail})` : undefined,
    workers && !workers.ok ? workers.detail : undefined,
  ].filter((x) => x !== undefined);
  return {
    canTrain: failed.length === 0,
    reason: failed.length > 0 ? `cannot train: ${failed.join('; ')}` : undefined,
    checks: { modelStore, redis, workers },
  };
}

async function storeWritable(root: string): Promise<DependencyCheck> {
  const probe = join(root, `.health-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(root, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
    return { ok: true, detail: root };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

async function redisAnswers(runtime: BackendRuntime<unknown>): Promise<DependencyCheck> {
  const redis = runtime.redis;
  if (!redis) return { ok: false, detail: 'no Redis configured' };
  // A replica that just started is still connecting: give it the same moment as a webhook.
  await untilReady(redis.connection);
  if (redis.connection.status !== 'ready')
    return { ok: false, detail: `${redis.where}: connection ${redis.connection.status}` };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connection.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error(`no PONG within ${PING_TIMEOUT_MS} ms`));
        }, PING_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, detail: redis.where };
  } catch (error) {
    return {
      ok: false,
      detail: `${redis.where}: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearTimeout(timer);
  }
}

async function workersAlive(
  runtime: BackendRuntime<unknown>,
): Promise<DependencyCheck & { alive: number }> {
  const redis = runtime.redis;
  if (!redis) return { ok: false, alive: 0, detail: 'no Redis configured' };
  try {
    const alive = await redis.connection.zcount(
      redis.keys.workers,
      Date.now() - WORKER_ALIVE_MS,
      '+inf',
    );
    return alive > 0
      ? {
          ok: true,
          alive,
          detail: `${alive} worker(s) seen in the last ${WORKER_ALIVE_MS / 1000} s`,
        }
      : {
          ok: false,
          alive,
          detail: `no training worker seen in the last ${WORKER_ALIVE_MS / 1000} s: start one (\`worker\` script) with the same REDIS_URL and LSML_QUEUE_PREFIX`,
        };
  } catch (error) {
    return { ok: false, alive: 0, detail: error instanceof Error ? error.message : String(error) };
  }
}

/** This process's name in the workers' heartbeat set. */
export function workerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Sends this worker's heartbeat now and every {@link HEARTBEAT_EVERY_MS}; the returned
 * function stops it and takes the worker off the set. Errors are left to the connection's
 * own error reporting (Redis down: the next beat tries again).
 */
export function startHeartbeat(runtime: BackendRuntime<unknown>, id: string): () => Promise<void> {
  const redis = runtime.redis;
  if (!redis) return () => Promise.resolve();
  const key = redis.keys.workers;
  const beat = () => {
    const now = Date.now();
    redis.connection
      .multi()
      .zadd(key, now, id)
      // Workers gone for an hour are forgotten: the set stays small.
      .zremrangebyscore(key, '-inf', now - 3_600_000)
      .exec()
      .catch(() => undefined);
  };
  beat();
  const timer = setInterval(beat, HEARTBEAT_EVERY_MS).unref();
  return async () => {
    clearInterval(timer);
    await redis.connection.zrem(key, id).catch(() => undefined);
  };
}
