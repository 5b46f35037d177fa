import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freshPrefix, wipePrefix } from '../../test/queue/redis-keys.js';
import { postJson, TEXT_CONFIG } from '../../test/helpers.js';
import { LsmlError } from '../errors/index.js';
import { defineBackend, type Backend, type FitContext } from '../contract/backend.js';
import { createService } from '../server/create-app.js';
import { QueueTrainer } from './queue-trainer.js';
import { runWorker } from './queue-worker.js';

const redisUrl = inject('redisUrl');
const silent = pino({ level: 'silent' });

interface Env {
  prefix: string;
  modelDir: string;
  closers: (() => Promise<void>)[];
}

const envs: Env[] = [];

function freshEnv(): Env {
  const env = {
    prefix: freshPrefix(),
    modelDir: mkdtempSync(join(tmpdir(), 'lsml-queue-')),
    closers: [],
  };
  envs.push(env);
  return env;
}

afterEach(async () => {
  for (const env of envs.splice(0)) {
    for (const close of env.closers.reverse()) await close();
    await wipePrefix(redisUrl, env.prefix);
    rmSync(env.modelDir, { recursive: true, force: true });
  }
});

/** An API replica and a worker over one fresh prefix and model dir. */
async function deployment<M>(backend: Backend<M>, env = freshEnv(), backoffMs = 2_000) {
  const service = createService(backend, {
    mode: 'production',
    modelDir: env.modelDir,
    logger: silent,
    redis: { url: redisUrl },
    queuePrefix: env.prefix,
    trainer: (runtime) => new QueueTrainer(runtime, { backoffMs }),
  });
  env.closers.push(() => service.close());
  const worker = await runWorker(backend, {
    modelDir: env.modelDir,
    redis: { url: redisUrl },
    queuePrefix: env.prefix,
    logger: silent,
    handleSignals: false,
  });
  env.closers.push(() => worker.close());
  return { service, worker, env };
}

const annotationEvent = (taskId: number, project = 7) => ({
  action: 'ANNOTATION_CREATED',
  project: { id: project, label_config: TEXT_CONFIG },
  task: { id: taskId, data: { text: `task ${taskId}` } },
  annotation: {
    id: 1000 + taskId,
    result: [
      {
        from_name: 'sentiment',
        to_name: 'text',
        type: 'choices',
        value: { choices: ['Positive'] },
      },
    ],
  },
});

/** A fit that blocks until released, recording the training set size of each run. */
function gatedBackend() {
  const runs: number[] = [];
  let release: () => void = () => undefined;
  let started: () => void = () => undefined;
  let gate = new Promise<void>((r) => (release = r));
  let firstStarted = new Promise<void>((r) => (started = r));
  const backend = defineBackend<{ size: number }>({
    name: 'gated',
    predict: (tasks) => tasks.map(() => ({ result: [] })),
    async fit({ annotations }: FitContext<{ size: number }>) {
      runs.push(annotations.length);
      started();
      await gate;
      return { status: 'trained', model: { size: annotations.length } };
    },
  });
  return {
    backend,
    runs,
    firstStarted: () => firstStarted,
    release() {
      release();
      gate = Promise.resolve();
      firstStarted = Promise.resolve();
    },
  };
}

describe.skipIf(!redisUrl)('queue trainer with a real Redis', () => {
  it('coalesces a burst during a run into exactly one follow-up run that sees every event', async () => {
    const gated = gatedBackend();
    const { service } = await deployment(gated.backend);
    const first = await postJson(service.app, '/webhook', annotationEvent(1));
    expect(first.status).toBe(201);
    await gated.firstStarted();
    const burst = await Promise.all(
      Array.from({ length: 30 }, async (_, i) =>
        postJson(service.app, '/webhook', annotationEvent(i + 2)),
      ),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(30).fill(201));
    const bodies = (await Promise.all(burst.map((r) => r.json()))) as { coalesced: boolean }[];
    expect(bodies.filter((b) => !b.coalesced).length).toBe(0);
    gated.release();
    await service.trainer.idle();
    expect(gated.runs).toEqual([1, 31]);
    const setup = await postJson(service.app, '/setup', { project: '7', schema: TEXT_CONFIG });
    expect(await setup.json()).toEqual({ model_version: 'gated-v2' });
  });

  it('reports state, progress, timings and result of a job from any replica', async () => {
    const backend = defineBackend<{ n: number }>({
      name: 'progressive',
      predict: (tasks) => tasks.map(() => ({ result: [] })),
      async fit(ctx) {
        await ctx.progress(0.5);
        return { status: 'trained', model: { n: 1 }, trainingSetSize: 1 };
      },
    });
    const { service, env } = await deployment(backend);
    const other = createService(backend, {
      mode: 'production',
      modelDir: env.modelDir,
      logger: silent,
      redis: { url: redisUrl },
      queuePrefix: env.prefix,
    });
    env.closers.push(() => other.close());
    const res = await postJson(service.app, '/webhook', annotationEvent(1));
    const { job } = (await res.json()) as { job: string };
    await service.trainer.idle();
    const info = (await (await other.app.request(`/jobs/${job}`)).json()) as Record<string, string>;
    expect(info).toMatchObject({
      id: job,
      project: '7',
      state: 'completed',
      progress: 1,
      attempts: 1,
      result: { status: 'trained', version: 'progressive-v1', trainingSetSize: 1 },
    });
    expect(Date.parse(info.finishedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(info.startedAt ?? ''),
    );
    const legacy = await postJson(other.app, '/job_status', { job });
    expect(legacy.status).toBe(200);
  });

  it('does not retry a 4xx LsmlError, and retries a transient error with backoff', async () => {
    let calls = 0;
    const backend = defineBackend<{ n: number }>({
      name: 'flaky',
      predict: (tasks) => tasks.map(() => ({ result: [] })),
      fit({ project }) {
        calls += 1;
        if (project === '3') throw new LsmlError('VALIDATION_FAILED', 'the labels make no sense');
        if (calls < 4) throw new Error('network blip'); // calls 2 and 3: fail twice
        return { status: 'trained', model: { n: calls } };
      },
    });
    const { service } = await deployment(backend, freshEnv(), 20);
    const bad = await postJson(service.app, '/webhook', {
      action: 'START_TRAINING',
      project: { id: 3 },
    });
    const badJob = ((await bad.json()) as { job: string }).job;
    await service.trainer.idle();
    expect(await service.trainer.job(badJob)).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: 'VALIDATION_FAILED: the labels make no sense',
    });
    expect(calls).toBe(1);
    const flaky = await postJson(service.app, '/webhook', {
      action: 'START_TRAINING',
      project: { id: 4 },
    });
    const flakyJob = ((await flaky.json()) as { job: string }).job;
    await service.trainer.idle();
    expect(await service.trainer.job(flakyJob)).toMatchObject({ state: 'completed', attempts: 3 });
    expect(calls).toBe(4);
  });

  it('keeps training data in Redis: updates replace, deleting an old annotation keeps the newer one', async () => {
    const gated = gatedBackend();
    gated.release();
    const { service, worker } = await deployment(gated.backend);
    const send = async (body: unknown) => {
      expect((await postJson(service.app, '/webhook', body)).status).toBe(201);
    };
    await send(annotationEvent(1));
    await send(annotationEvent(2));
    const updated = annotationEvent(1);
    updated.action = 'ANNOTATION_UPDATED';
    updated.annotation.id = 5000;
    await send(updated);
    await send({
      action: 'ANNOTATION_DELETED',
      project: { id: 7 },
      annotation: { id: 1001 },
    });
    // The worker, another runtime, reads the same set.
    const seen = await worker.runtime.trainingData.all('7');
    expect(seen.map((x) => [x.task.id, x.annotation.id])).toEqual([
      [1, 5000],
      [2, 1002],
    ]);
    await send({
      action: 'ANNOTATIONS_DELETED',
      project: { id: 7 },
      annotations: [{ id: 5000 }],
    });
    expect(await worker.runtime.trainingData.count('7')).toBe(1);
    await service.trainer.idle();
  });

  it('stores only the trigger of a legacy /train in its job: no body, no credentials', async () => {
    const gated = gatedBackend();
    gated.release();
    const { service, env } = await deployment(gated.backend);
    const res = await postJson(service.app, '/train', {
      annotations: [],
      project: '9.1700000000',
      params: { login: 'admin@example.com', password: 'hunter2', keep: 1 },
    });
    const { job } = (await res.json()) as { job: string };
    await service.trainer.idle();
    const stored = await service.trainer.job(job);
    expect(stored?.state).toBe('completed');
    const queue = new Queue('train-gated', {
      connection: { url: redisUrl },
      prefix: env.prefix,
    });
    const data = (await queue.getJob(job))?.data;
    await queue.close();
    expect(data).toEqual({ project: '9', event: { action: 'START_TRAINING', project: '9' } });
  });
});
