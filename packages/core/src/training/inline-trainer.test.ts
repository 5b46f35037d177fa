import { afterEach, describe, expect, it } from 'vitest';
import { echoBackend, postJson, testService, TEXT_CONFIG } from '../../test/helpers.js';
import type { FitContext } from '../contract/backend.js';

type Service = ReturnType<typeof testService<{ n: number }>>;
const services: Service[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.cleanup();
});

/** A backend whose fit waits for `release()`; `runs` records each run's set size and event. */
function gated() {
  const runs: { size: number; action: string; ids: unknown }[] = [];
  let open: () => void = () => undefined;
  let gate = new Promise<void>((r) => (open = r));
  const started: (() => void)[] = [];
  const backend = echoBackend({
    async fit(ctx: FitContext<{ n: number }>) {
      runs.push({
        size: ctx.annotations.length,
        action: ctx.event.action,
        ids: ctx.event.annotationIds,
      });
      for (const s of started.splice(0)) s();
      await gate;
      return { status: 'trained', model: { n: runs.length } };
    },
  });
  return {
    backend,
    runs,
    nextStart: () => new Promise<void>((r) => started.push(r)),
    release() {
      open();
      gate = new Promise<void>((r) => (open = r));
    },
  };
}

const created = (taskId: number) => ({
  action: 'ANNOTATION_CREATED',
  project: { id: 5, label_config: TEXT_CONFIG },
  task: { id: taskId, data: { text: `t${taskId}` } },
  annotation: {
    id: taskId,
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

const predict = (s: Service) =>
  postJson(s.app, '/predict', {
    tasks: [{ id: 1, data: { text: 'x' } }],
    project: '5.1700000000',
    label_config: TEXT_CONFIG,
  });

describe('inline trainer', () => {
  it('coalesces a burst during a run into exactly one follow-up run with the newest event', async () => {
    const g = gated();
    const s = testService(g.backend);
    services.push(s);
    const firstStarted = g.nextStart();
    const first = (await (await postJson(s.app, '/webhook', created(1))).json()) as {
      job: string;
      coalesced: boolean;
    };
    expect(first.coalesced).toBe(false);
    await firstStarted;
    const burst: { job: string; coalesced: boolean }[] = [];
    for (let i = 2; i <= 20; i += 1) {
      const res = await postJson(s.app, '/webhook', created(i));
      burst.push((await res.json()) as { job: string; coalesced: boolean });
    }
    const followUp = burst[0]!.job;
    expect(burst[0]!.coalesced).toBe(false);
    expect(burst.slice(1).every((b) => b.coalesced && b.job === followUp)).toBe(true);
    expect(followUp).not.toBe(first.job);
    const secondStarted = g.nextStart();
    g.release();
    await secondStarted;
    g.release();
    await s.trainer.idle();
    expect(g.runs).toEqual([
      { size: 1, action: 'ANNOTATION_CREATED', ids: [1] },
      { size: 20, action: 'ANNOTATION_CREATED', ids: [20] },
    ]);
    expect(await s.trainer.job(followUp)).toMatchObject({ state: 'completed', events: 19 });
  });

  it('answers /predict from the current version while a long fit runs', async () => {
    const g = gated();
    const s = testService(g.backend);
    services.push(s);
    const started = g.nextStart();
    await postJson(s.app, '/webhook', created(1));
    await started;
    g.release();
    await s.trainer.idle();
    expect(((await (await predict(s)).json()) as { model_version: string }).model_version).toBe(
      'echo-v1',
    );

    const long = g.nextStart();
    const res = (await (await postJson(s.app, '/webhook', created(2))).json()) as { job: string };
    await long;
    // The fit is held on a gate until after this loop, so a /predict that waited for it would
    // never answer. The bound is a sanity guard against a crawl, not a benchmark: a loaded CI
    // machine may take far longer than usual for one in-process request.
    for (let i = 0; i < 20; i += 1) {
      const t = performance.now();
      const body = (await (await predict(s)).json()) as { model_version: string };
      expect(body.model_version).toBe('echo-v1');
      expect(performance.now() - t).toBeLessThan(5_000);
    }
    expect(await s.trainer.job(res.job)).toMatchObject({ state: 'active' });
    g.release();
    await s.trainer.idle();
    expect(((await (await predict(s)).json()) as { model_version: string }).model_version).toBe(
      'echo-v2',
    );
  });

  it('reports a failed fit on the job and keeps the current version', async () => {
    const s = testService(
      echoBackend({
        fit() {
          throw new Error('out of memory');
        },
      }),
    );
    services.push(s);
    const res = (await (await postJson(s.app, '/webhook', created(1))).json()) as { job: string };
    await s.trainer.idle();
    expect(await s.trainer.job(res.job)).toMatchObject({ state: 'failed', error: 'out of memory' });
    expect(((await (await predict(s)).json()) as { model_version: string }).model_version).toBe(
      'echo-v0',
    );
  });
});
