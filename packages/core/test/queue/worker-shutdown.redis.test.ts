import { once } from 'node:events';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { JobInfo } from '../../src/index.js';
import { e2eDeployment, post, setupVersion, startTraining } from './e2e-deployment.js';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('a worker told to stop (SIGTERM) mid-fit', () => {
  const deployment = e2eDeployment(redisUrl);
  afterAll(() => deployment.teardown());

  it('finishes the job in flight, then exits 0', async () => {
    const [api, worker] = await Promise.all([deployment.api(), deployment.worker()]);
    // The fit waits at a gate: the signal surely comes mid-fit, however slow the machine.
    const gate = deployment.gate('fit');
    await deployment.setTimings(1, { fit_ms: 0, fit_gate: gate.key });
    const res = await post(`${api.url}/webhook`, startTraining(1));
    const { job } = (await res.json()) as { job: string };
    await worker.waitForLine((l) => l.includes('fit done, waiting at gate'));
    const exited = once(worker.child, 'exit');
    worker.child.kill('SIGTERM');
    // Still running after the signal: it waits for the job instead of dropping it.
    await worker.waitForLine((l) => l.includes('"signal":"SIGTERM"'));
    expect(worker.child.exitCode).toBeNull();
    await gate.open();
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    const info = (await (await fetch(`${api.url}/jobs/${job}`)).json()) as JobInfo;
    expect(info).toMatchObject({ state: 'completed', attempts: 1, progress: 1 });
    expect(await setupVersion(api.url)).toBe('slow-v1');
  });
});
