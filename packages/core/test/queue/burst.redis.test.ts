import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { VersionInfo } from '../../src/index.js';
import { annotationCreated, e2eDeployment, postFast, queueIdle } from './e2e-deployment.js';
import type { SlowModel } from './slow-backend.js';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('1,000 webhooks against an API and 2 workers', () => {
  const deployment = e2eDeployment(redisUrl);
  afterAll(() => deployment.teardown());

  it('answers every webhook 2xx while a run is held, trains at most twice, last on all 1,000 annotations', async () => {
    // Runs of a project never overlap, and every webhook during a run joins one follow-up run.
    // The first run is held at a gate for the whole burst, so that is at most 2 runs whatever
    // the machine's speed; a webhook that waited for training would never be answered.
    const gate = deployment.gate('fit');
    await deployment.setTimings(1, { fit_ms: 0, fit_gate: gate.key });
    const [api] = await Promise.all([deployment.api(), deployment.worker(), deployment.worker()]);
    const started = Date.now();
    const statuses: number[] = [];
    let slowest = 0;
    let next = 0;
    const sender = async () => {
      while (next < 1000) {
        next += 1;
        const t = performance.now();
        const status = await postFast(`${api.url}/webhook`, annotationCreated(next));
        slowest = Math.max(slowest, performance.now() - t);
        statuses.push(status);
      }
    };
    await Promise.all(Array.from({ length: 20 }, sender));
    // Label Studio gives up on a webhook after 1 s: the line tells how this run did.
    console.info(
      `1,000 webhooks answered in ${Date.now() - started} ms, slowest ${slowest.toFixed(0)} ms`,
    );
    expect(statuses.length).toBe(1000);
    expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);

    // One pass for the held run, one for the follow-up (left unused if all 1,000 joined the
    // first run before it started).
    await gate.open();
    await gate.open();
    await queueIdle(deployment.queue);
    const versions = (await (await fetch(`${api.url}/versions?project=1`)).json()) as {
      projects: Record<string, { current: string; versions: VersionInfo[] }>;
    };
    const project = versions.projects['1']!;
    console.info(
      `training runs: ${project.versions.length} (sizes ${project.versions.map((v) => v.trainingSetSize).join(', ')})`,
    );
    expect(project.versions.length).toBeGreaterThanOrEqual(1);
    expect(project.versions.length).toBeLessThanOrEqual(2);
    const last = project.versions.at(-1)!;
    expect(project.current).toBe(last.version);
    expect(last.trainingSetSize).toBe(1000);
    const model = JSON.parse(
      await readFile(join(deployment.modelDir, '1', String(last.number), 'model.json'), 'utf8'),
    ) as SlowModel;
    expect(new Set(model.taskIds).size).toBe(1000);
  });
});
