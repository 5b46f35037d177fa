import { once } from 'node:events';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { JobInfo } from '../../src/index.js';
import { eventually } from './processes.js';
import { e2eDeployment, post, setupVersion, startTraining } from './e2e-deployment.js';

const redisUrl = inject('redisUrl');

describe.skipIf(!redisUrl)('a worker told to stop (SIGTERM) mid-fit', () => {
  const deployment = e2eDeployment(redisUrl);
  afterAll(() => deployment.teardown());

  it('finishes the job in flight, then exits 0', async () => {
    const [api, worker] = await Promise.all([deployment.api(), deployment.worker()]);
    await deployment.setTimings(1, { fit_ms: 4000 });
    const res = await post(`${api.url}/webhook`, startTraining(1));
    const { job } = (await res.json()) as { job: string };
    const state = async () => (await (await fetch(`${api.url}/jobs/${job}`)).json()) as JobInfo;
    await eventually(async () => ((await state()).state === 'active' ? true : undefined));
    const exited = once(worker.child, 'exit');
    // The fit may end between the state check and the signal on a loaded machine; the time
    // of the signal, checked against the job's times below, shows it came mid-fit.
    const signalledAt = Date.now();
    worker.child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    const info = await state();
    expect(info).toMatchObject({ state: 'completed', attempts: 1, progress: 1 });
    expect(signalledAt).toBeGreaterThanOrEqual(Date.parse(info.startedAt!));
    expect(signalledAt).toBeLessThan(Date.parse(info.finishedAt!));
    expect(await setupVersion(api.url)).toBe('slow-v1');
  });
});
