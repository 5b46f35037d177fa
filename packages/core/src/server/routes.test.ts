import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';

let current: ReturnType<typeof testService<{ n: number }>> | undefined;
function service(...args: Parameters<typeof testService<{ n: number }>>) {
  current = testService(...args);
  return current;
}
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});

const task = (id: number) => ({ id, data: { text: `text ${id}` } });

describe('GET /health and /', () => {
  it('reports UP with the model class', async () => {
    const { app } = service(echoBackend());
    for (const path of ['/health', '/']) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'UP', model_class: 'echo' });
    }
  });
});

describe('POST /setup', () => {
  it('answers the current model version, which changes after training', async () => {
    const s = service(echoBackend());
    const setup = async () =>
      (await (
        await postJson(s.app, '/setup', { project: '12.1700000000', schema: TEXT_CONFIG })
      ).json()) as { model_version: string };
    expect((await setup()).model_version).toBe('echo-v0');
    await postJson(s.app, '/webhook', { action: 'START_TRAINING', project: { id: 12 } });
    await s.trainer.idle();
    expect((await setup()).model_version).toBe('echo-v1');
  });

  it('rejects a broken schema with 422 naming the problem', async () => {
    const { app } = service(echoBackend());
    const res = await postJson(app, '/setup', {
      project: '1.1',
      schema: '<View><Choices name="c" toName="missing"/></View>',
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_LABEL_CONFIG',
      error: expect.stringContaining('missing') as unknown,
    });
  });

  it('lets the backend refuse a config it cannot use', async () => {
    const { app } = service(
      echoBackend({
        setup: () => {
          throw new Error('needs Choices');
        },
      }),
    );
    const res = await postJson(app, '/setup', { project: '1.1', schema: TEXT_CONFIG });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'needs Choices', code: 'BACKEND_ERROR' });
  });
});

describe('POST /predict', () => {
  it('returns one prediction per task in order, stamped with the model version', async () => {
    const { app } = service(echoBackend());
    const res = await postJson(app, '/predict', {
      tasks: [task(1), task(2), task(3)],
      project: '5.1',
      label_config: TEXT_CONFIG,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      results: { model_version: string; result: { from_name: string }[] }[];
      model_version: string;
    };
    expect(body.model_version).toBe('echo-v0');
    expect(body.results).toHaveLength(3);
    for (const r of body.results) {
      expect(r.model_version).toBe('echo-v0');
      expect(r.result[0]?.from_name).toBe('sentiment');
    }
  });

  it('uses the config remembered from /setup when the request has none', async () => {
    const { app } = service(echoBackend());
    await postJson(app, '/setup', { project: '6.1', schema: TEXT_CONFIG });
    const res = await postJson(app, '/predict', { tasks: [task(1)], project: '6.1' });
    expect(res.status).toBe(200);
  });

  it('says what to do when there is no label config at all', async () => {
    const { app } = service(echoBackend());
    const res = await postJson(app, '/predict', { tasks: [task(1)], project: '7.1' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: string }).error).toMatch(/label_config/);
  });

  it('fails with 500 when the backend returns the wrong number of predictions', async () => {
    const { app } = service(echoBackend({ predict: () => [] }));
    const res = await postJson(app, '/predict', {
      tasks: [task(1)],
      project: '1',
      label_config: TEXT_CONFIG,
    });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toMatch(/0 predictions for 1 tasks/);
  });

  it('strict validation rejects a label that is not in the config; lenient drops it', async () => {
    const bad = echoBackend({
      predict: (tasks) =>
        tasks.map(() => ({
          result: [
            {
              from_name: 'sentiment',
              to_name: 'text',
              type: 'choices',
              value: { choices: ['Neutral'] },
            },
          ],
        })),
    });
    const strict = service(bad, { validation: 'strict' });
    const res = await postJson(strict.app, '/predict', {
      tasks: [task(1)],
      project: '1',
      label_config: TEXT_CONFIG,
    });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({
      code: 'INVALID_PREDICTION',
      error: expect.stringContaining('Neutral') as unknown,
    });
    await strict.cleanup();
    const lenient = service(bad, { validation: 'lenient' });
    const ok = await postJson(lenient.app, '/predict', {
      tasks: [task(1)],
      project: '1',
      label_config: TEXT_CONFIG,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { results: { result: unknown[] }[] }).results[0]?.result).toEqual(
      [],
    );
  });

  it('lenient validation drops a non-finite task score but keeps the valid results', async () => {
    const { app } = service(
      echoBackend({
        predict: (tasks) =>
          tasks.map(() => ({
            score: Number.NaN,
            result: [
              {
                from_name: 'sentiment',
                to_name: 'text',
                type: 'choices',
                value: { choices: ['Positive'] },
              },
            ],
          })),
      }),
      { validation: 'lenient' },
    );
    const res = await postJson(app, '/predict', {
      tasks: [task(1)],
      project: '1',
      label_config: TEXT_CONFIG,
    });
    const body = (await res.json()) as { results: { score?: number; result: unknown[] }[] };
    expect(body.results[0]?.score).toBeUndefined();
    expect(body.results[0]?.result).toHaveLength(1);
  });

  it('logs a backend that throws, answers 500 with its message, and counts it in /metrics', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const s = service(
      echoBackend({
        predict() {
          throw new Error('model file is corrupt');
        },
      }),
      { logger },
    );
    const res = await postJson(s.app, '/predict', { tasks: [task(1)], label_config: TEXT_CONFIG });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'model file is corrupt', code: 'BACKEND_ERROR' });
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; err?: unknown });
    expect(logged.find((l) => l.msg === 'model file is corrupt')).toMatchObject({
      level: 50,
      err: expect.objectContaining({ stack: expect.stringContaining('model file is corrupt') }),
    });
    const metrics = await (await s.app.request('/metrics')).text();
    expect(metrics).toMatch(/^lsml_predict_errors_total\{reason="backend"\} 1$/m);
    // The process keeps serving.
    expect((await s.app.request('/health')).status).toBe(200);
  });

  it('passes the interactive context and strips credentials from params', async () => {
    let seen: unknown;
    let params: unknown;
    const { app } = service(
      echoBackend({
        predict: (tasks, ctx) => {
          seen = ctx.interactive;
          params = ctx.params;
          return tasks.map(() => ({ result: [] }));
        },
      }),
    );
    const context = {
      result: [
        {
          from_name: 'sentiment',
          to_name: 'text',
          type: 'choices',
          value: { choices: ['Positive'] },
        },
      ],
      annotation_id: null,
      draft_id: 3,
      user_id: 1,
    };
    await postJson(app, '/predict', {
      tasks: [task(1)],
      project: '1',
      label_config: TEXT_CONFIG,
      params: { login: 'u', password: 'p', context },
    });
    expect(seen).toEqual(context);
    expect(params).toEqual({});
  });
});

describe('POST /webhook', () => {
  it('stores annotations, trains, and answers 201 with the job', async () => {
    const s = service(echoBackend());
    const res = await postJson(s.app, '/webhook', {
      action: 'ANNOTATION_CREATED',
      project: { id: 3, label_config: TEXT_CONFIG },
      task: task(1),
      annotation: { id: 10, result: [] },
    });
    expect(res.status).toBe(201);
    const { job } = (await res.json()) as { job: string };
    await s.trainer.idle();
    const info = (await (await s.app.request(`/jobs/${job}`)).json()) as {
      state: string;
      result: { trainingSetSize: number };
    };
    expect(info.state).toBe('completed');
    expect(info.result.trainingSetSize).toBe(1);
  });

  it('accepts every Label Studio action with 2xx', async () => {
    const { app } = service(echoBackend());
    for (const action of [
      'ANNOTATIONS_CREATED',
      'ANNOTATIONS_DELETED',
      'ANNOTATION_DELETED',
      'TASKS_CREATED',
      'TASKS_DELETED',
      'PROJECT_UPDATED',
      'START_TRAINING',
      'SOMETHING_NEW',
    ]) {
      const res = await postJson(app, '/webhook', {
        action,
        project: { id: 4 },
        annotations: [{ id: 1, task: 1, result: [] }],
      });
      expect(res.status, action).toBeLessThan(300);
    }
  });

  it('removes deleted annotations from the training set', async () => {
    const s = service(echoBackend());
    await postJson(s.app, '/webhook', {
      action: 'ANNOTATION_CREATED',
      project: { id: 3 },
      task: task(1),
      annotation: { id: 10, result: [] },
    });
    await postJson(s.app, '/webhook', {
      action: 'ANNOTATION_CREATED',
      project: { id: 3 },
      task: task(2),
      annotation: { id: 11, result: [] },
    });
    await postJson(s.app, '/webhook', {
      action: 'ANNOTATIONS_DELETED',
      project: { id: 3 },
      annotations: [{ id: 10 }],
    });
    expect((await s.runtime.trainingData.all('3')).map((x) => x.task.id)).toEqual([2]);
  });

  it('keeps an annotation whose project.label_config does not parse, and logs a warning', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    const s = service(echoBackend(), { logger });
    await postJson(s.app, '/setup', { project: '3.1', schema: TEXT_CONFIG });
    const res = await postJson(s.app, '/webhook', {
      action: 'ANNOTATION_CREATED',
      project: { id: 3, label_config: '<View><Text name="t"' },
      task: task(1),
      annotation: { id: 10, result: [] },
    });
    expect(res.status).toBe(201);
    expect((await s.runtime.trainingData.all('3')).map((x) => x.task.id)).toEqual([1]);
    const { job } = (await res.json()) as { job: string };
    await s.trainer.idle();
    const info = (await (await s.app.request(`/jobs/${job}`)).json()) as { state: string };
    expect(info.state).toBe('completed');
    expect(lines.join('\n')).toMatch(/ignoring project.label_config: Invalid label config/);
  });

  it('trains every N annotations when LSML_TRAIN_EVERY is set', async () => {
    const s = service(echoBackend(), { trainEvery: 3 });
    const bodies = [];
    for (let i = 1; i <= 3; i++)
      bodies.push(
        await (
          await postJson(s.app, '/webhook', {
            action: 'ANNOTATION_CREATED',
            project: { id: 3 },
            task: task(i),
            annotation: { id: i, result: [] },
          })
        ).json(),
      );
    expect(bodies.map((b) => 'job' in (b as object))).toEqual([false, false, true]);
  });
});

describe('POST /train (legacy)', () => {
  it('replaces the training set with the annotations (or LS 0.9 completions) and trains', async () => {
    const s = service(echoBackend());
    for (const key of ['annotations', 'completions']) {
      const res = await postJson(s.app, '/train', {
        project: '9.1',
        label_config: TEXT_CONFIG,
        [key]: [
          { id: 1, data: { text: 'a' }, [key]: [{ id: 1, result: [] }] },
          { id: 2, data: { text: 'b' }, [key]: [{ id: 2, result: [], was_cancelled: true }] },
        ],
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ training_set_size: 1 });
    }
    await s.trainer.idle();
    expect(await s.runtime.trainingData.count('9')).toBe(1);
  });
});

describe('POST /validate, /job_status; GET /versions, /metrics', () => {
  it('validates configs', async () => {
    const { app } = service(echoBackend());
    expect((await postJson(app, '/validate', { config: TEXT_CONFIG })).status).toBe(200);
    expect((await postJson(app, '/validate', { config: '<View><Text' })).status).toBe(422);
  });

  it('lists versions and reports job status', async () => {
    const s = service(echoBackend());
    const { job } = (await (
      await postJson(s.app, '/webhook', { action: 'START_TRAINING', project: { id: 8 } })
    ).json()) as { job: string };
    await s.trainer.idle();
    const status = await postJson(s.app, '/job_status', { job });
    expect(await status.json()).toMatchObject({ state: 'completed' });
    const versions = (await (await s.app.request('/versions')).json()) as {
      projects: Record<string, { current: string; versions: unknown[] }>;
    };
    expect(versions.projects['8']).toMatchObject({ current: 'echo-v1' });
    expect(versions.projects['8']?.versions).toHaveLength(1);
    expect((await s.app.request('/jobs/nope')).status).toBe(404);
  });

  it('keeps LSML_KEEP_VERSIONS versions and says which are kept and why', async () => {
    const s = service(echoBackend(), { keepVersions: 2 });
    const trainOnce = async () => {
      await postJson(s.app, '/webhook', { action: 'START_TRAINING', project: { id: 8 } });
      await s.trainer.idle();
    };
    for (let i = 0; i < 3; i += 1) await trainOnce();
    await s.runtime.store.rollback('8', 'echo-v2');
    await trainOnce();
    await trainOnce();
    const res = await s.app.request('/versions?project=8');
    const body = (await res.json()) as {
      versions: string[];
      projects: Record<string, { versions: { version: string }[] }>;
    };
    expect(body.versions).toEqual(['echo-v2', 'echo-v4', 'echo-v5']);
    expect(body.projects['8']).toMatchObject({
      current: 'echo-v5',
      keep: 2,
      pinned: 'echo-v2',
      versions: [
        { version: 'echo-v2', current: false, pinned: true },
        { version: 'echo-v4', current: false, pinned: false },
        { version: 'echo-v5', current: true, pinned: false },
      ],
    });
  });

  it('exports Prometheus metrics with requests, tasks and the model version per project', async () => {
    const s = service(echoBackend());
    await postJson(s.app, '/predict', {
      tasks: [task(1), task(2)],
      project: '2',
      label_config: TEXT_CONFIG,
    });
    const text = await (await s.app.request('/metrics')).text();
    expect(text).toContain(
      'lsml_http_requests_total{method="POST",route="/predict",status="200"} 1',
    );
    expect(text).toContain('lsml_tasks_predicted_total 2');
    expect(text).toContain('lsml_model_version_info{project="2",version="echo-v0"} 1');
    expect(text).toMatch(
      /lsml_http_request_duration_seconds_bucket\{method="POST",route="\/predict",status="200",le="\+Inf"\} 1/,
    );
  });
});
