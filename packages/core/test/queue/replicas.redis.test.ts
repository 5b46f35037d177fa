import { afterAll, describe, expect, inject, it } from 'vitest';
import { jobFinished, recordAnnouncements } from '../wait-for.js';
import {
  e2eDeployment,
  post,
  predictVersion,
  setupVersion,
  startTraining,
} from './e2e-deployment.js';

const redisUrl = inject('redisUrl');

const jobOf = async (res: Response) => ((await res.json()) as { job: string }).job;

describe.skipIf(!redisUrl)('two API replicas while a worker trains', () => {
  const deployment = e2eDeployment(redisUrl);
  afterAll(() => deployment.teardown());

  it('serves the previous version during a fit, and both replicas switch on the announcement', async () => {
    // Debug logs: each replica says when it loaded an announced version.
    const [a, b, worker] = await Promise.all([
      deployment.api({ LOG_LEVEL: 'debug' }),
      deployment.api({ LOG_LEVEL: 'debug' }),
      deployment.worker(),
    ]);
    await deployment.setTimings(1, { fit_ms: 50 });
    const first = await post(`${a.url}/webhook`, startTraining(1));
    expect(first.status).toBe(201);
    await jobFinished(deployment.queue, await jobOf(first));
    expect(await setupVersion(a.url)).toBe('slow-v1');

    // The next fit waits at a gate: "during the fit" is a stretch the test holds open, not a
    // window it hopes to hit.
    const gate = deployment.gate('fit');
    await deployment.setTimings(1, { fit_ms: 0, fit_gate: gate.key });
    const announcements = await recordAnnouncements(redisUrl, deployment.versionsChannel);
    const job = await jobOf(await post(`${b.url}/webhook`, startTraining(1)));
    await worker.waitForLine((l) => l.includes('fit done, waiting at gate'));
    // Every /predict on both replicas answers from v1 while the fit runs, without waiting
    // for it (a /predict that waited would never return: the fit is held).
    const during: string[] = [];
    for (let round = 0; round < 20; round += 1) {
      for (const base of [a.url, b.url]) during.push(await predictVersion(base));
    }
    expect(during).toEqual(during.map(() => 'slow-v1'));

    await gate.open();
    await jobFinished(deployment.queue, job);
    await announcements.next((x) => x.project === '1' && x.version === 'slow-v2');
    announcements.close();
    // /predict does not re-read the store: only the announcement switches a replica.
    const loaded = (l: string) =>
      l.includes('refreshed after announcement') && l.includes('slow-v2');
    await Promise.all([a.waitForLine(loaded), b.waitForLine(loaded)]);
    expect(await predictVersion(a.url)).toBe('slow-v2');
    expect(await predictVersion(b.url)).toBe('slow-v2');
    expect(await setupVersion(a.url)).toBe('slow-v2');
    expect(await setupVersion(b.url)).toBe('slow-v2');
  });
});
