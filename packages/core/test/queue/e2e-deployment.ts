import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { queueKeys } from '../../src/index.js';
import { TEXT_CONFIG } from '../helpers.js';
import { killAll, startApi, startWorker } from './processes.js';
import { freshPrefix, wipePrefix } from './redis-keys.js';

/**
 * One production deployment for an e2e test: a fresh Redis key prefix and model dir shared by
 * API replicas and workers started as real processes. `teardown` kills them all and wipes both.
 */
export function e2eDeployment(redisUrl: string) {
  const prefix = freshPrefix();
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-e2e-'));
  const env = (extra: Record<string, string> = {}) => ({
    LSML_MODE: 'production',
    REDIS_URL: redisUrl,
    LSML_QUEUE_PREFIX: prefix,
    MODEL_DIR: modelDir,
    ...extra,
  });
  const queue = new Queue('train-slow', { connection: { url: redisUrl }, prefix });
  return {
    prefix,
    modelDir,
    queue,
    api: (extra?: Record<string, string>) => startApi(env(extra)),
    worker: (extra?: Record<string, string>) => startWorker(env(extra)),
    /**
     * How the slow backend's next runs of `project` behave: how long they fit and pause while
     * saving, and which gates (`gate(name).key`) they wait at after fit and between files.
     */
    async setTimings(
      project: number,
      timings: { fit_ms?: number; save_pause_ms?: number; fit_gate?: string; save_gate?: string },
    ) {
      const redis = new Redis(redisUrl);
      try {
        const key = queueKeys('slow', { prefix }).state(String(project));
        // JSON, as the project state stores every value.
        for (const [field, value] of Object.entries(timings))
          await redis.hset(key, field, JSON.stringify(value));
      } finally {
        redis.disconnect();
      }
    },
    /** A gate the slow backend can be told to wait at; `open()` lets one run through. */
    gate(name: string) {
      const key = `${prefix}:gate:${name}`;
      return {
        key,
        async open() {
          const redis = new Redis(redisUrl);
          try {
            await redis.lpush(key, '1');
          } finally {
            redis.disconnect();
          }
        },
      };
    },
    /** The channel where workers announce each new current version. */
    versionsChannel: queueKeys('slow', { prefix }).versionsChannel,
    async teardown() {
      await killAll();
      await queue.close();
      await wipePrefix(redisUrl, prefix);
      rmSync(modelDir, { recursive: true, force: true });
    },
  };
}

/** Resolves once no training job waits, runs or waits for a retry. */
export async function queueIdle(queue: Queue, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).every((n) => n === 0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`training queue not idle within ${timeoutMs} ms`);
}

export async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function setupVersion(base: string, project = '1'): Promise<string> {
  const res = await post(`${base}/setup`, {
    project: `${project}.1700000000`,
    schema: TEXT_CONFIG,
  });
  return ((await res.json()) as { model_version: string }).model_version;
}

export async function predictVersion(base: string, project = '1'): Promise<string> {
  const res = await post(`${base}/predict`, {
    tasks: [{ id: 1, data: { text: 'hello' } }],
    project: `${project}.1700000000`,
    label_config: TEXT_CONFIG,
  });
  if (res.status !== 200) throw new Error(`/predict answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { model_version: string }).model_version;
}

export function annotationCreated(taskId: number, project = 1) {
  return {
    action: 'ANNOTATION_CREATED',
    project: { id: project, label_config: TEXT_CONFIG },
    task: { id: taskId, data: { text: `task ${taskId}` } },
    annotation: {
      id: 100_000 + taskId,
      result: [
        {
          from_name: 'sentiment',
          to_name: 'text',
          type: 'choices',
          value: { choices: ['Positive'] },
        },
      ],
    },
  };
}

export function startTraining(project = 1) {
  return { action: 'START_TRAINING', project: { id: project, label_config: TEXT_CONFIG } };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A JSON POST through node:http with keep-alive: a lighter client than fetch for bursts. */
export function postFast(url: string, body: unknown): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        res.resume();
        res.once('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.once('error', reject);
    req.end(data);
  });
}
