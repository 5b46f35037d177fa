import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';

let current: ReturnType<typeof testService<{ n: number }>> | undefined;
afterEach(async () => {
  await current?.cleanup();
  current = undefined;
});
function service(...args: Parameters<typeof testService<{ n: number }>>) {
  current = testService(...args);
  return current;
}

const task = (id: number) => ({ id, data: { text: `text ${id}` } });
const answer = (...choices: string[]) =>
  choices.map((c) => ({
    from_name: 'sentiment',
    to_name: 'text',
    type: 'choices',
    value: { choices: [c] },
  }));
const annotate = (
  app: ReturnType<typeof service>['app'],
  id: number,
  result: unknown[],
  action = 'ANNOTATION_CREATED',
) =>
  postJson(app, '/webhook', {
    action,
    project: { id: 5, label_config: TEXT_CONFIG },
    task: task(id),
    annotation: { id: 100 + id, result },
  });

/** `name{a="b",…} value` lines of one series, keyed by their sorted labels. */
function series(text: string, name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}\\{(.*)\\} (\\S+)$`).exec(line);
    if (match) out[match[1] ?? ''] = Number(match[2]);
  }
  return out;
}

describe('acceptance analytics: GET /stats and /metrics', () => {
  it('judge each prediction by its first annotation and agree with each other', async () => {
    const s = service(echoBackend());
    // echo predicts "Positive" for every task.
    const predict = await postJson(s.app, '/predict', {
      project: '5.1700000000',
      label_config: TEXT_CONFIG,
      tasks: [1, 2, 3, 4, 5].map(task),
    });
    expect(predict.status).toBe(200);
    // An interactive prediction answers a click: not recorded.
    await postJson(s.app, '/predict', {
      project: '5.1700000000',
      label_config: TEXT_CONFIG,
      tasks: [task(6)],
      params: { context: { result: [] } },
    });
    expect((await annotate(s.app, 1, answer('Positive'))).status).toBe(201);
    expect((await annotate(s.app, 2, answer('Negative'))).status).toBe(201);
    expect((await annotate(s.app, 3, [])).status).toBe(201);
    // Judged once: a later update of task 1 does not count again.
    expect((await annotate(s.app, 1, answer('Negative'), 'ANNOTATION_UPDATED')).status).toBe(201);
    // Never predicted: nothing to judge.
    expect((await annotate(s.app, 6, answer('Positive'))).status).toBe(201);
    // Legacy /train judges the tasks it carries.
    const train = await postJson(s.app, '/train', {
      project: '5.1700000000',
      label_config: TEXT_CONFIG,
      annotations: [{ ...task(4), annotations: [{ id: 104, result: answer('Positive') }] }],
    });
    expect(train.status).toBe(201);

    const stats = await s.app.request('/stats?project=5');
    expect(stats.status).toBe(200);
    const body = (await stats.json()) as { versions: Record<string, unknown>[] };
    expect(body).toMatchObject({ project: '5', recording: true, sampling_rate: 1 });
    expect(body.versions).toEqual([
      {
        model_version: 'echo-v0',
        predictions: 5,
        annotated: 4,
        unannotated: 1,
        unrecorded: 0,
        first_seen: expect.any(String) as unknown,
        regions: { kept: 2, edited: 1, removed: 1, added: 0 },
        acceptance_rate: 0.5,
        edit_rate: 0.25,
        labels: [
          {
            label: 'Positive',
            kept: 2,
            edited: 1,
            removed: 1,
            added: 0,
            acceptance_rate: 0.5,
            edit_rate: 0.25,
          },
        ],
      },
    ]);

    const metrics = await (await s.app.request('/metrics')).text();
    const key = (labels: Record<string, string>) =>
      Object.keys(labels)
        .sort()
        .map((k) => `${k}="${labels[k] ?? ''}"`)
        .join(',');
    const version0 = { model_version: 'echo-v0', project: '5' };
    expect(series(metrics, 'lsml_predictions_recorded_total')).toEqual({ [key(version0)]: 5 });
    expect(series(metrics, 'lsml_predictions_annotated_total')).toEqual({ [key(version0)]: 4 });
    const regions = series(metrics, 'lsml_prediction_regions_total');
    const byLabel = series(metrics, 'lsml_prediction_label_regions_total');
    const [version] = body.versions as {
      regions: Record<string, number>;
      labels: { label: string }[];
    }[];
    for (const [outcome, n] of Object.entries(version!.regions)) {
      expect(regions[key({ ...version0, outcome })] ?? 0).toBe(n);
      expect(byLabel[key({ ...version0, label: 'Positive', outcome })] ?? 0).toBe(n);
    }
  });

  it('answers 422 without a valid project', async () => {
    const { app } = service(echoBackend());
    for (const path of [
      '/stats',
      '/stats?project=',
      '/stats?project=../x',
      '/stats?project=a%20b',
    ]) {
      const res = await app.request(path);
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        error: expect.stringContaining('project') as unknown,
      });
    }
  });

  it('says so when recording is off', async () => {
    const s = service(echoBackend(), { predictionLog: { maxEntries: 0, maxDays: 1 } });
    await postJson(s.app, '/predict', {
      project: '5',
      label_config: TEXT_CONFIG,
      tasks: [task(1)],
    });
    expect(await (await s.app.request('/stats?project=5')).json()).toEqual({
      project: '5',
      recording: false,
      versions: [],
    });
  });

  it('counts each prediction under the version the backend named for it', async () => {
    const s = service(
      echoBackend({
        predict: (tasks) =>
          tasks.map((t) => ({
            result: answer('Positive'),
            ...(Number(t.id) % 2 === 1 ? { model_version: 'hand-named-v9' } : {}),
          })),
      }),
    );
    const predict = await postJson(s.app, '/predict', {
      project: '5.1700000000',
      label_config: TEXT_CONFIG,
      tasks: [1, 2, 3].map(task),
    });
    expect(predict.status).toBe(200);
    const body = (await (await s.app.request('/stats?project=5')).json()) as {
      versions: { model_version: string; predictions: number }[];
    };
    expect(Object.fromEntries(body.versions.map((v) => [v.model_version, v.predictions]))).toEqual({
      'echo-v0': 1,
      'hand-named-v9': 2,
    });
  });
});
