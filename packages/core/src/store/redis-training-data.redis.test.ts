import { Redis } from 'ioredis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { redisProxy, type RedisProxy } from '../../test/queue/redis-proxy.js';
import { freshPrefix, wipePrefix } from '../../test/queue/redis-keys.js';
import type { LabeledTask } from '../contract/types.js';
import { queueKeys } from './redis-keys.js';
import { connectRedis } from './redis-connection.js';
import { RedisTrainingData } from './redis-training-data.js';

const redisUrl = inject('redisUrl');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh prefix, a plain connection to inspect Redis, and stores over the API connection. */
function fresh() {
  const prefix = freshPrefix();
  const keys = queueKeys('m', { prefix });
  const direct = new Redis(redisUrl);
  cleanups.push(async () => {
    await wipePrefix(redisUrl, prefix);
    direct.disconnect();
  });
  /** The store as an API replica has it: 2 s command timeout, no offline queue. */
  const apiStore = (url = redisUrl) => {
    const redis = connectRedis({ url }, 'api');
    redis.on('error', () => undefined);
    cleanups.push(() => {
      redis.disconnect();
    });
    return new RedisTrainingData(redis, keys, 'test');
  };
  return { prefix, keys, direct, apiStore, inspect: new RedisTrainingData(direct, keys, 'test') };
}

function proxied(rules: Parameters<typeof redisProxy>[1]): Promise<RedisProxy> {
  return redisProxy(redisUrl, rules).then((proxy) => {
    cleanups.push(() => proxy.close());
    return proxy;
  });
}

/** `annotationId` null: an annotation without an id. */
const labeled = (id: number, text = `task ${id}`, annotationId: number | null = id + 1e6) =>
  ({
    task: { id, data: { text } },
    annotation: {
      ...(annotationId === null ? {} : { id: annotationId }),
      result: [{ from_name: 's', to_name: 't', type: 'choices', value: { choices: ['Positive'] } }],
    },
  }) as LabeledTask;

const tasks = (from: number, count: number, text?: string) =>
  Array.from({ length: count }, (_, i) => labeled(from + i, text));

async function keysUnder(direct: Redis, prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await direct.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found.sort();
}

const isStaging = (key: string) => key.includes(':staging-');

describe.skipIf(!redisUrl)('RedisTrainingData.replace', () => {
  it('replaces 60,000 tasks over the API connection (2 s command timeout)', async () => {
    const { keys, direct, apiStore, inspect, prefix } = fresh();
    const store = apiStore();
    await store.put('1', tasks(900_001, 3));
    // ~600 bytes a task: a 36 MB set, as a big legacy /train sends.
    await store.replace('1', tasks(1, 60_000, 'x'.repeat(500)));
    expect(await inspect.count('1')).toBe(60_000);
    expect(await direct.hlen(keys.annotationOf('1'))).toBe(60_000);
    expect(await direct.hexists(keys.trainingData('1'), '900001')).toBe(0);
    // The live set never expires, and nothing staged is left behind.
    expect(await direct.ttl(keys.trainingData('1'))).toBe(-1);
    expect(await direct.ttl(keys.annotationOf('1'))).toBe(-1);
    expect((await keysUnder(direct, prefix)).filter(isStaging)).toEqual([]);
  });

  it('keeps the last item per task, skips missing annotation ids, and empties on an empty set', async () => {
    const { keys, direct, apiStore, inspect } = fresh();
    const store = apiStore();
    await store.replace('1', [labeled(1), labeled(2, 'no id', null), labeled(1, 'newer', 7)]);
    expect((await inspect.all('1')).map((x) => [x.task.id, x.annotation.id])).toEqual([
      [1, 7],
      [2, undefined],
    ]);
    expect(await direct.hgetall(keys.annotationOf('1'))).toEqual({ '1': '7' });
    // Removing by annotation id still finds the replaced entries.
    await store.remove('1', [{ annotationId: 7 }]);
    expect(await inspect.count('1')).toBe(1);
    await store.replace('1', []);
    expect(await inspect.count('1')).toBe(0);
    expect(await direct.exists(keys.trainingData('1'), keys.annotationOf('1'))).toBe(0);
  });

  it('leaves the previous set whole when the connection dies mid-replace, and staging keys expire', async () => {
    const { direct, prefix, apiStore, inspect } = fresh();
    await inspect.put('1', tasks(900_001, 3));
    let transactions = 0;
    // Redis goes away for this client as it starts its third staging transaction.
    const proxy = await proxied({
      cutAt: ([name]) => name?.toLowerCase() === 'multi' && ++transactions === 3,
    });
    const store = apiStore(proxy.url);
    await expect(store.replace('1', tasks(1, 5_000))).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
    });
    expect(proxy.fired()).toBe(true);
    expect((await inspect.all('1')).map((x) => x.task.id)).toEqual([900_001, 900_002, 900_003]);
    const staging = (await keysUnder(direct, prefix)).filter(isStaging);
    expect(staging).toHaveLength(2); // the data and annotation-of hashes of two chunks
    for (const key of staging) {
      expect(await direct.ttl(key)).toBeGreaterThan(0);
      expect(await direct.hlen(key)).toBe(2_000);
    }
  });

  it('counts a switch whose reply was lost (the client timed out, Redis ran it) as done', async () => {
    const { keys, direct, prefix, apiStore, inspect } = fresh();
    await inspect.put('1', tasks(900_001, 3));
    // The first command that writes the live hash gets its reply only after the client timed
    // out (2 s) and asked something else: the 503 that replaced the set anyway (issue #12).
    const proxy = await proxied({
      holdRepliesAfter: (command) => command.includes(keys.trainingData('1')),
    });
    await apiStore(proxy.url).replace('1', tasks(1, 5));
    expect(proxy.fired()).toBe(true);
    expect((await inspect.all('1')).map((x) => x.task.id)).toEqual([1, 2, 3, 4, 5]);
    expect((await keysUnder(direct, prefix)).filter(isStaging)).toEqual([]);
  });

  it('says the outcome is unknown when Redis goes away right after running the switch', async () => {
    const { keys, direct, prefix, apiStore, inspect } = fresh();
    await inspect.put('1', tasks(900_001, 3));
    const proxy = await proxied({
      holdRepliesAfter: (command) => command.includes(keys.trainingData('1')),
      thenCut: true,
    });
    await expect(apiStore(proxy.url).replace('1', tasks(1, 5))).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      message: expect.stringMatching(/may or may not have replaced .* Send the same request again/),
    });
    // It had in fact switched: which is why the message cannot promise "nothing changed".
    expect(await inspect.count('1')).toBe(5);
    expect((await keysUnder(direct, prefix)).filter(isStaging)).toEqual([]);
  });
});
