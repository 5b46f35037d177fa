import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { firstToPrint, jobFinished, recordAnnouncements } from '../wait-for.js';
import { e2eDeployment, post, setupVersion, startTraining } from './e2e-deployment.js';

const redisUrl = inject('redisUrl');

const jobOf = async (res: Response) => ((await res.json()) as { job: string }).job;

describe.skipIf(!redisUrl)('a worker SIGKILLed in the middle of a training run', () => {
  const deployment = e2eDeployment(redisUrl);
  afterAll(() => deployment.teardown());

  it('is retried by another worker; the half-written version never becomes current', async () => {
    const projectDir = join(deployment.modelDir, '1');
    const current = () => readFileSync(join(projectDir, 'current'), 'utf8').trim();
    const [api, w1, w2] = await Promise.all([
      deployment.api(),
      // A 2 s lock: the killed worker's job is seen as stalled and retried within seconds.
      deployment.worker({ LOCK_MS: '2000' }),
      deployment.worker({ LOCK_MS: '2000' }),
    ]);
    await deployment.setTimings(1, { fit_ms: 50 });
    await jobFinished(
      deployment.queue,
      await jobOf(await post(`${api.url}/webhook`, startTraining(1))),
    );
    expect(await setupVersion(api.url)).toBe('slow-v1');
    const announcements = await recordAnnouncements(redisUrl, deployment.versionsChannel);

    // The next run writes part-1.json, then waits at a gate before model.json: it is killed
    // there, and its retry waits there too until the checks below are done.
    const gate = deployment.gate('save');
    await deployment.setTimings(1, { fit_ms: 100, save_gate: gate.key });
    const job = await jobOf(await post(`${api.url}/webhook`, startTraining(1)));
    const atGate = (line: string) => line.includes('part-1.json written, waiting at gate');
    const { source: busy } = await firstToPrint([w1, w2], atGate);
    const survivor = busy === w1 ? w2 : w1;
    const halfWritten = readdirSync(projectDir).find(
      (e) => e.startsWith('.tmp-') && existsSync(join(projectDir, e, 'part-1.json')),
    );
    expect(halfWritten).toBeDefined();
    busy.child.kill('SIGKILL');

    // The survivor takes the stalled job over and stops at the same gate: while it waits,
    // v1 is live and the torn version is nowhere.
    await survivor.waitForLine(atGate);
    expect(current()).toBe('1');
    expect(await setupVersion(api.url)).toBe('slow-v1');
    expect(existsSync(join(projectDir, halfWritten ?? '', 'model.json'))).toBe(false);

    await gate.open();
    await jobFinished(deployment.queue, job);
    expect(survivor.lines.some((l) => l.includes('training started') && l.includes(job))).toBe(
      true,
    );
    // The only version that ever became current after the kill is the retry's (waited for:
    // the announcement and the job's completion travel on different connections).
    await announcements.next((a) => a.version === 'slow-v2');
    expect(announcements.seen).toEqual([{ project: '1', version: 'slow-v2' }]);
    announcements.close();
    expect(current()).toBe('2');
    expect(await setupVersion(api.url)).toBe('slow-v2');
    expect(readdirSync(join(projectDir, '2')).sort()).toEqual([
      'model.json',
      'part-1.json',
      'version.json',
    ]);
    // The dead worker's leftovers were swept by the survivor before it trained.
    expect(existsSync(join(projectDir, halfWritten ?? ''))).toBe(false);
    expect(
      readdirSync(projectDir)
        .filter((e) => /^\d+$/.test(e))
        .sort(),
    ).toEqual(['1', '2']);
  });
});
