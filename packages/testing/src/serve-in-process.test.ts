import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineBackend } from '@lsml/core';
import { afterAll, describe, expect, it } from 'vitest';
import { serveInProcess } from './serve-in-process.js';

const echo = defineBackend({
  name: 'echo',
  predict: (tasks) => tasks.map(() => ({ result: [] })),
});

describe('serveInProcess', () => {
  const given = mkdtempSync(join(tmpdir(), 'lsml-given-'));
  afterAll(() => {
    rmSync(given, { recursive: true, force: true });
  });

  it('answers GETs and JSON POSTs in-process, and removes its model dir on close', async () => {
    const s = serveInProcess(echo);
    expect(existsSync(s.modelDir)).toBe(true);
    expect((await s.request('/health')).body).toMatchObject({ status: 'UP', model_class: 'echo' });
    const predict = await s.request<{ results: unknown[] }>('/predict', {
      tasks: [{ id: 1, data: {} }],
      project: '1',
      label_config: '<View><Text name="t" value="$t"/></View>',
    });
    expect(predict.status).toBe(200);
    expect(predict.body.results).toHaveLength(1);
    // A POST without a body: the route answers it (a GET would find no route).
    const empty = await s.request<{ code: string }>('/setup', undefined, { method: 'POST' });
    expect([empty.status, empty.body.code]).toEqual([400, 'BAD_JSON']);
    const metrics = await s.request<string>('/metrics');
    expect(metrics.body).toMatch(/^# HELP /m);
    await s.close();
    expect(existsSync(s.modelDir)).toBe(false);
  });

  it('keeps a model dir it was given', async () => {
    const s = serveInProcess(echo, { modelDir: given });
    expect(s.modelDir).toBe(given);
    await s.close();
    expect(existsSync(given)).toBe(true);
  });
});
