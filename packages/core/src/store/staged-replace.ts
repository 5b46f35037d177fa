import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { LsmlError } from '../errors/index.js';
import { redisUnavailable, untilReady } from './redis-unavailable.js';

/** The live hashes of one project's training set, and the key naming the last replace. */
export interface LiveSetKeys {
  /** Hash: task id → labeled task JSON. */
  data: string;
  /** Hash: task id → annotation id. */
  annotationOf: string;
  /** String: the token of the replace that put the live hashes in place. */
  replacedBy: string;
}

/** One task's entry: its labeled task JSON and the id of its annotation, if any. */
export interface SetEntry {
  taskId: string;
  json: string;
  annotationId: string | undefined;
}

/** Fields per staging write, and bytes: each write stays far under the 2 s command timeout. */
const CHUNK_FIELDS = 1_000;
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Staging keys of a crashed replace expire; each chunk pushes this back. */
const STAGING_TTL_S = 600;

// All or nothing: if a staging hash expired, nothing changes. RENAME carries the staging key's
// TTL over, so PERSIST: the live set must never expire.
const SWITCH = `
for i = 1, 2 do
  if ARGV[i + 1] == '1' and redis.call('EXISTS', KEYS[i]) == 0 then return 0 end
end
for i = 1, 2 do
  if ARGV[i + 1] == '1' then
    redis.call('RENAME', KEYS[i], KEYS[i + 2])
    redis.call('PERSIST', KEYS[i + 2])
  else
    redis.call('DEL', KEYS[i + 2])
  end
end
redis.call('SET', KEYS[5], ARGV[1])
return 1`;

/**
 * Replaces a project's training set with `entries` so that a failure leaves the previous set
 * whole: the new set is written to staging hashes in bounded chunks, each with a TTL, then one
 * short script swaps them in. A reply lost after Redis ran the swap (a command timeout, a
 * dropped connection) is detected by the token the swap leaves in `replacedBy`, and counts as
 * done. Throws `QUEUE_UNAVAILABLE`: the set is unchanged, or — only when Redis stops answering
 * at the swap itself — it may already be the new one (the message says so).
 */
export async function replaceStaged(
  redis: Redis,
  where: string,
  live: LiveSetKeys,
  entries: SetEntry[],
): Promise<void> {
  const token = randomBytes(8).toString('hex');
  const staging = {
    data: `${live.data}:staging-${token}`,
    annotationOf: `${live.annotationOf}:staging-${token}`,
  };
  await untilReady(redis);
  let staged: { data: boolean; annotationOf: boolean };
  try {
    staged = await stage(redis, staging, entries);
  } catch (error) {
    await discard(redis, staging);
    throw redisUnavailable(where, error);
  }
  let failure: unknown;
  try {
    const switched = await redis.eval(
      SWITCH,
      5,
      staging.data,
      staging.annotationOf,
      live.data,
      live.annotationOf,
      live.replacedBy,
      token,
      staged.data ? '1' : '0',
      staged.annotationOf ? '1' : '0',
    );
    if (switched === 1) return;
    failure = new Error('the staged training set was gone at the switch');
  } catch (error) {
    failure = error;
  }
  // The reply may be lost after Redis ran the switch (a timeout; or a dropped connection, after
  // which ioredis may send it again and find nothing staged): the token says whether it ran.
  const done = await replacedBy(redis, live.replacedBy, token);
  if (done === true) return;
  if (done === false) {
    await discard(redis, staging);
    throw redisUnavailable(where, failure);
  }
  throw switchOutcomeUnknown(where, failure);
}

async function stage(
  redis: Redis,
  staging: { data: string; annotationOf: string },
  entries: SetEntry[],
): Promise<{ data: boolean; annotationOf: boolean }> {
  let annotated = false;
  for (const chunk of chunks(entries)) {
    const data = chunk.flatMap((e) => [e.taskId, e.json]);
    const annotations = chunk.flatMap((e) =>
      e.annotationId === undefined ? [] : [e.taskId, e.annotationId],
    );
    // One transaction per chunk: a staging key never exists without its TTL.
    const multi = redis.multi().hset(staging.data, ...data);
    multi.expire(staging.data, STAGING_TTL_S);
    if (annotated || annotations.length > 0) {
      if (annotations.length > 0) multi.hset(staging.annotationOf, ...annotations);
      multi.expire(staging.annotationOf, STAGING_TTL_S);
      annotated = true;
    }
    throwFirstError(await multi.exec());
  }
  return { data: entries.length > 0, annotationOf: annotated };
}

function* chunks(entries: SetEntry[]): Generator<SetEntry[]> {
  let chunk: SetEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    if (
      chunk.length === CHUNK_FIELDS ||
      (chunk.length > 0 && bytes + entry.json.length > CHUNK_BYTES)
    ) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(entry);
    bytes += entry.json.length;
  }
  if (chunk.length > 0) yield chunk;
}

function throwFirstError(results: [Error | null, unknown][] | null): void {
  if (results === null) throw new Error('the staging transaction was discarded');
  const failed = results.find(([error]) => error !== null);
  if (failed?.[0]) throw failed[0];
}

/**
 * Whether the swap carrying `token` ran: true, false, or undefined when Redis does not answer.
 * Asked on the same connection, so it is answered after the swap if the swap reached Redis.
 */
async function replacedBy(redis: Redis, key: string, token: string): Promise<boolean | undefined> {
  try {
    await untilReady(redis);
    return (await redis.get(key)) === token;
  } catch {
    return undefined;
  }
}

/** Best effort: when Redis is gone, the staging keys' TTL removes them. */
async function discard(redis: Redis, staging: { data: string; annotationOf: string }) {
  await redis.del(staging.data, staging.annotationOf).catch(() => undefined);
}

function switchOutcomeUnknown(where: string, cause: unknown): LsmlError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new LsmlError(
    'QUEUE_UNAVAILABLE',
    `The training queue is unavailable: Redis at ${where} stopped answering (${reason}) while the new training set was being switched in, so it may or may not have replaced the old one, and no training was queued. Send the same request again once Redis answers: replacing the set with the same tasks again is harmless.`,
    { cause },
  );
}
