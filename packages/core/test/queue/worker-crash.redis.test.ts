import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { JobInfo } from '../../src/index.js';
import { eventually } from './processes.js';
import { e2eDeployment, post, setupVersion, startTraining } from './e2e-deployment.js';

const redisUrl = inject('redisUrl');

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
    await post(`${api.url}/webhook`, startTraining(1));
    await eventually(async () => ((await setupVersion(api.url)) === 'slow-v1' ? true : undefined));

    // The next run writes part-1.json, then pauses 8 s before model.json: kill it there (the
    // pause is long so that a test process starved by a busy machine still kills in time).
    await deployment.setTimings(1, { fit_ms: 100, save_pause_ms: 8000 });
    const res = await post(`${api.url}/webhook`, startTraining(1));
    const { job } = (await res.json()) as { job: string };
    const halfWritten = await eventually(() =>
      Promise.resolve(
        readdirSync(projectDir).find(
          (e) => e.startsWith('.tmp-') && existsSync(join(projectDir, e, 'part-1.json')),
        ),
      ),
    );
    // The busy worker logged 'training started' before it wrote part-1.json, but this process
    // may not have read that line from the pipe yet: wait for it rather than look once.
    const busy = await eventually(() =>
      Promise.resolve(
        [w1, w2].find((w) =>
          w.lines.some((l) => l.includes('training started') && l.includes(job)),
        ),
      ),
    );
    const survivor = busy === w1 ? w2 : w1;
    busy.child.kill('SIGKILL');
    // Killed inside the save pause: the version is still half-written, not committed.
    expect(existsSync(join(projectDir, halfWritten, 'part-1.json'))).toBe(true);
    expect(existsSync(join(projectDir, halfWritten, 'model.json'))).toBe(false);

    // Until the retry commits, v1 stays live and the torn version is nowhere.
    let info: JobInfo | undefined;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      info = (await (await fetch(`${api.url}/jobs/${job}`)).json()) as JobInfo;
      if (info.state === 'completed') break;
      expect(current()).toBe('1');
      expect(await setupVersion(api.url)).toBe('slow-v1');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(info?.state).toBe('completed');
    expect(survivor.lines.some((l) => l.includes('training started') && l.includes(job))).toBe(
      true,
    );
    expect(current()).toBe('2');
    expect(await setupVersion(api.url)).toBe('slow-v2');
    expect(readdirSync(join(projectDir, '2')).sort()).toEqual([
      'model.json',
      'part-1.json',
      'version.json',
    ]);
    // The dead worker's leftovers were swept by the survivor before it trained.
    expect(existsSync(join(projectDir, halfWritten))).toBe(false);
    expect(
      readdirSync(projectDir)
        .filter((e) => /^\d+$/.test(e))
        .sort(),
    ).toEqual(['1', '2']);
  });
});
