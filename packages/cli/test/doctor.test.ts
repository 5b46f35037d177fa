import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BBOX_CONFIG,
  fakeLabelStudio,
  type FakeLabelStudio,
  type FakeLabelStudioOptions,
  type FakeProjectOptions,
} from '@lsml/testing';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CheckLine } from '../src/doctor/check-line.js';
import { run } from '../src/run.js';
import { writeFixtureBackend } from './helpers/fixture-backend.js';
import { freePort } from './helpers/free-port.js';
import { memoryIo } from './helpers/memory-io.js';
import { dummyDir, SENTIMENT_XML } from './helpers/paths.js';
import { serveDummy } from './helpers/serve-dummy.js';
import {
  plainBackend,
  type PlainBackend,
  type PlainBackendOptions,
} from './helpers/plain-backend.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-doctor-'));
const closers: (() => Promise<void>)[] = [];
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function labelStudio(
  project: Partial<FakeProjectOptions>,
  options: FakeLabelStudioOptions = {},
) {
  const ls = await fakeLabelStudio({
    projects: [
      {
        id: 3,
        title: 'Reviews',
        labelConfig: SENTIMENT_XML,
        tasks: 8,
        evaluatePredictionsAutomatically: true,
        ...project,
      },
    ],
    ...options,
  });
  closers.push(() => ls.close());
  return ls;
}

async function plain(options: PlainBackendOptions = {}): Promise<PlainBackend> {
  const backend = await plainBackend(options);
  closers.push(() => backend.close());
  return backend;
}

interface Report {
  code: number;
  text: string;
  checks: CheckLine[];
  /** The status of each line with `id`, in order. */
  status(id: string): string[];
  line(id: string): CheckLine;
}

async function doctor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Report> {
  const io = memoryIo({ cwd: temp, env });
  const code = await run(['doctor', ...args, '--json'], io);
  const parsed = JSON.parse(io.out() || '{"checks": []}') as { ok: boolean; checks: CheckLine[] };
  expect(parsed.ok, io.err()).toBe(code === 0);
  return {
    code,
    text: io.err(),
    checks: parsed.checks,
    status: (id) => parsed.checks.filter((c) => c.id === id).map((c) => c.status),
    line: (id) => {
      const found = parsed.checks.find((c) => c.id === id);
      if (!found) throw new Error(`no check ${id} in ${JSON.stringify(parsed.checks)}`);
      return found;
    },
  };
}

const lsArgs = (ls: FakeLabelStudio, key = ls.tokens.legacy, project = '3') => [
  '--label-studio',
  ls.url,
  '--api-key',
  key,
  '--project',
  project,
];

const ALL = [
  'label-studio',
  'token',
  'project',
  'backend-health',
  'backend-setup',
  'ml-backend',
  'ml-backend-auth',
  'webhook',
  'media',
  'predict',
];

describe('lsml doctor: everything right', () => {
  it('passes every check against a backend at --url that is not lsml (basic auth, webhook secret, personal access token)', async () => {
    const backend = await plain({ auth: { user: 'ls', pass: 'pw' }, webhookSecret: 'hook' });
    const ls = await labelStudio({
      mlBackends: [{ url: backend.url, auth_method: 'BASIC_AUTH', basic_auth_user: 'ls' }],
      webhooks: [{ url: `${backend.url}/webhook?secret=hook` }],
    });
    const report = await doctor([
      ...lsArgs(ls, ls.tokens.personal),
      '--url',
      backend.url,
      '--basic-auth-user',
      'ls',
      '--basic-auth-pass',
      'pw',
    ]);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual(ALL.map((id) => [id, 'ok']));
    expect(report.line('token').title).toMatch(
      /personal access token works \(admin@example\.com, exchanged/,
    );
    expect(report.line('predict').title).toMatch(
      /\/predict on 5 tasks \(ids 1, 2, 3, 4, 5\): every result fits the config \(model version plain-v1/,
    );
    expect(report.code).toBe(0);

    const io = memoryIo({ cwd: temp });
    expect(
      await run(
        [
          'doctor',
          ...lsArgs(ls),
          '--url',
          backend.url,
          '--basic-auth-user',
          'ls',
          '--basic-auth-pass',
          'pw',
        ],
        io,
      ),
    ).toBe(0);
    expect(io.out()).toMatch(
      /^✓ Label Studio 1\.20\.0 at http:\/\/127\.0\.0\.1:\d+\n✓ The legacy token works/,
    );
    expect(io.out()).toMatch(/\n10 passed, 0 warnings, 0 failed\n$/);
    // Nothing was stored: the /predict is a dry run.
    expect(ls.stored).toBe(0);
  });

  it('passes every check against a backend directory run in-process, reading an upload with its own reader', async () => {
    const ls = await labelStudio({
      labelConfig: BBOX_CONFIG,
      data: (i) => ({ image: `/data/upload/3/cat-${i}.png` }),
      mlBackends: [{ url: 'http://host.docker.internal:9090' }],
      webhooks: [{ url: 'http://host.docker.internal:9090/webhook' }],
    });
    const report = await doctor([
      ...lsArgs(ls),
      '--backend',
      dummyDir,
      '--model-dir',
      join(temp, 'models'),
    ]);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual(ALL.map((id) => [id, 'ok']));
    expect(report.line('media').title).toMatch(
      /Read task 1 \$image = \/data\/upload\/3\/cat-0\.png with the backend's settings \(20 bytes, image\/png\)/,
    );
    expect(report.line('ml-backend-auth').title).toBe('No basic auth on either side');
    const upload = ls.seen.find((s) => s.path === '/data/upload/3/cat-0.png');
    expect(upload?.authorization).toBe(`Token ${ls.tokens.legacy}`);
  });
});

describe('lsml doctor: Label Studio, token and project', () => {
  it('says when Label Studio is not reachable, and checks the backend anyway', async () => {
    const backend = await plain();
    const port = await freePort();
    const report = await doctor([
      '--label-studio',
      `http://127.0.0.1:${port}`,
      '--api-key',
      'k',
      '--project',
      '3',
      '--url',
      backend.url,
    ]);
    expect(report.code).toBe(1);
    expect(report.line('label-studio')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/not reachable at .*ECONNREFUSED/) as unknown,
      fix: expect.stringMatching(/--label-studio/) as unknown,
    });
    expect(report.status('token')).toEqual(['skip']);
    expect(report.status('backend-health')).toEqual(['ok']);
    expect(report.status('predict')).toEqual(['skip']);
  });

  it('names what is wrong with the token, by kind', async () => {
    const backend = await plain();
    const ls = await labelStudio({});
    const legacy = await doctor([...lsArgs(ls, 'not-the-token'), '--url', backend.url]);
    expect(legacy.line('token')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/refused the legacy token: .*Invalid token/) as unknown,
      fix: expect.stringMatching(/Legacy Token/) as unknown,
    });
    expect(legacy.status('project')).toEqual(['skip']);

    ls.tokens.revokePersonal();
    const personal = await doctor([...lsArgs(ls, ls.tokens.personal), '--url', backend.url]);
    expect(personal.line('token')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(
        /refused the personal access token: .*revoked or expired/,
      ) as unknown,
      fix: expect.stringMatching(/new personal access token/) as unknown,
    });

    const fresh = await labelStudio({});
    const exchanged = fresh.tokens.refresh(fresh.tokens.personal);
    const access = 'access' in exchanged ? exchanged.access : '';
    const pasted = await doctor([...lsArgs(fresh, access), '--url', backend.url]);
    expect(pasted.status('token')).toEqual(['ok']);
    expect(pasted.line('token-kind')).toMatchObject({
      status: 'warn',
      title: expect.stringMatching(/an access token, not a personal access token/) as unknown,
    });

    const noLegacy = await labelStudio({}, { tokens: { legacyTokens: false } });
    const disabled = await doctor([...lsArgs(noLegacy), '--url', backend.url]);
    expect(disabled.line('token').fix).toMatch(/legacy tokens are off for this organization/);
  });

  it('names a project the token cannot see, a config that does not parse, and settings that hide predictions', async () => {
    const backend = await plain();
    const ls = await labelStudio({ showCollabPredictions: false });
    const missing = await doctor([...lsArgs(ls, ls.tokens.legacy, '99'), '--url', backend.url]);
    expect(missing.line('project')).toMatchObject({
      status: 'fail',
      title: 'No project 99 this token can see',
    });
    expect(missing.status('predict')).toEqual(['skip']);

    const hidden = await doctor([...lsArgs(ls), '--url', backend.url]);
    expect(hidden.line('project-settings')).toMatchObject({
      status: 'warn',
      title: expect.stringMatching(/Show predictions to annotators" is off/) as unknown,
    });
    ls.project(3).options.showCollabPredictions = true;
    ls.project(3).options.evaluatePredictionsAutomatically = false;
    const manual = await doctor([...lsArgs(ls), '--url', backend.url]);
    expect(manual.line('project-settings').title).toMatch(
      /Retrieve predictions when loading a task automatically" is off/,
    );

    ls.project(3).options.labelConfig = '<View><Choices name="c" toName="t"></View>';
    const broken = await doctor([...lsArgs(ls), '--url', backend.url]);
    expect(broken.line('project')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/label config does not parse/) as unknown,
    });
  });
});

describe('lsml doctor: the backend', () => {
  it('says when it is down, wants credentials, refuses them, or cannot start', async () => {
    const ls = await labelStudio({ mlBackends: [{ url: 'http://127.0.0.1:9' }] });
    const down = await doctor([...lsArgs(ls), '--url', `http://127.0.0.1:${await freePort()}`]);
    expect(down.line('backend-health')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/not reachable at .*ECONNREFUSED/) as unknown,
    });
    expect(down.status('backend-setup')).toEqual(['skip']);

    const locked = await plain({ auth: { user: 'ls', pass: 'pw' } });
    const anonymous = await doctor([...lsArgs(ls), '--url', locked.url]);
    expect(anonymous.line('backend-health')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/requires basic auth \(401 on \/health\)/) as unknown,
      fix: expect.stringMatching(/--basic-auth-user/) as unknown,
    });
    const wrong = await doctor([
      ...lsArgs(ls),
      '--url',
      locked.url,
      '--basic-auth-user',
      'ls',
      '--basic-auth-pass',
      'nope',
    ]);
    expect(wrong.line('backend-health').title).toMatch(/refuses the basic auth credentials/);

    const broken = writeFixtureBackend(
      join(temp, 'no-init'),
      `import { defineBackend } from '@lsml/core';
export default defineBackend({ name: 'no_init', init() { throw new Error('model.onnx is missing'); }, predict: (tasks) => tasks.map(() => ({ result: [] })) });`,
    );
    const unstarted = await doctor([...lsArgs(ls), '--backend', broken]);
    expect(unstarted.line('backend-health')).toMatchObject({
      status: 'fail',
      title: 'The backend could not start: model.onnx is missing',
    });
  });

  it('passes a backend that predicts but cannot train, and warns with its reason', async () => {
    const ls = await labelStudio({});
    const degraded = await plain({
      health: () => ({
        status: 503,
        body: {
          status: 'DEGRADED',
          model_class: 'dummy',
          can_train: false,
          reason: 'no training worker seen in the last 30 s',
        },
      }),
    });
    const report = await doctor([...lsArgs(ls), '--url', degraded.url]);
    expect(report.status('backend-health')).toEqual(['ok', 'warn']);
    expect(report.line('backend-setup').status).toBe('ok');
    expect(report.checks.find((c) => c.status === 'warn')?.title).toBe(
      'The backend predicts but cannot train: no training worker seen in the last 30 s',
    );
  });

  it('warns when /health or /setup is slower than Label Studio waits (1 s, 3 s)', async () => {
    const ls = await labelStudio({});
    const slow = await plain({ delayMs: { health: 1100, setup: 3100 } });
    const report = await doctor([...lsArgs(ls), '--url', slow.url]);
    expect(report.status('backend-health')).toEqual(['ok', 'warn']);
    expect(report.status('backend-setup')).toEqual(['ok', 'warn']);
    expect(report.checks.filter((c) => c.status === 'warn').map((c) => c.title)).toEqual([
      expect.stringMatching(/^\/health took \d+ ms; Label Studio waits 1000 ms/),
      expect.stringMatching(/^\/setup took \d+ ms; Label Studio waits 3000 ms/),
    ]);
  });

  it('names a label config the backend refuses, and a /setup without a model version', async () => {
    const ls = await labelStudio({});
    const refusing = await plain({
      setup: () => ({
        status: 422,
        body: { error: 'UNSUPPORTED_CONFIG: needs <Choices>', code: 'UNSUPPORTED_CONFIG' },
      }),
    });
    const refused = await doctor([...lsArgs(ls), '--url', refusing.url]);
    expect(refused.line('backend-setup')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(
        /refuses project 3's label config: HTTP 422: UNSUPPORTED_CONFIG: needs <Choices>/,
      ) as unknown,
      fix: expect.stringMatching(/cannot label this config/) as unknown,
    });
    expect(refused.status('predict')).toEqual(['skip']);
    const versionless = await plain({ setup: () => ({ body: {} }) });
    expect(
      (await doctor([...lsArgs(ls), '--url', versionless.url])).line('backend-setup').title,
    ).toMatch(/without a model_version/);
  });
});

describe('lsml doctor: how Label Studio is connected', () => {
  it('fails when no model is connected, when localhost means Label Studio itself, and when Label Studio cannot reach it', async () => {
    const backend = await plain();
    const none = await labelStudio({});
    expect(
      (await doctor([...lsArgs(none), '--url', backend.url])).line('ml-backend'),
    ).toMatchObject({
      status: 'fail',
      title: 'No model is connected to project 3',
      fix: expect.stringContaining(`URL ${backend.url}`) as unknown,
    });

    const docker = await labelStudio(
      { mlBackends: [{ url: 'http://localhost:9090' }] },
      { docker: true },
    );
    const local = await doctor([...lsArgs(docker), '--url', backend.url]);
    expect(local.line('ml-backend')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(
        /connects to http:\/\/localhost:9090 \(disconnected\): from inside Label Studio's container/,
      ) as unknown,
      fix: expect.stringMatching(
        /http:\/\/host\.docker\.internal:9090 .*--add-host host\.docker\.internal:host-gateway/,
      ) as unknown,
    });

    const remote = await labelStudio({
      mlBackends: [{ url: 'http://10.1.2.3:9090', state: 'ER', error_message: 'Setup failed' }],
    });
    const error = await doctor([...lsArgs(remote), '--url', backend.url]);
    expect(error.line('ml-backend')).toMatchObject({
      status: 'fail',
      title: 'Label Studio cannot use http://10.1.2.3:9090 (error: Setup failed)',
    });
    expect(error.line('ml-backend-url')).toMatchObject({
      status: 'warn',
      title: expect.stringMatching(/not to the --url given/) as unknown,
    });
  });

  it('compares basic auth on both sides', async () => {
    const locked = await plain({ auth: { user: 'ls', pass: 'pw' } });
    const open = await plain();
    const creds = ['--basic-auth-user', 'ls', '--basic-auth-pass', 'pw'];
    const without = await labelStudio({ mlBackends: [{ url: locked.url }] });
    expect(
      (await doctor([...lsArgs(without), '--url', locked.url, ...creds])).line('ml-backend-auth'),
    ).toMatchObject({
      status: 'fail',
      title: 'The backend requires basic auth, but Label Studio connects without it',
      fix: expect.stringMatching(/user "ls"/) as unknown,
    });
    const other = await labelStudio({
      mlBackends: [{ url: locked.url, auth_method: 'BASIC_AUTH', basic_auth_user: 'admin' }],
    });
    expect(
      (await doctor([...lsArgs(other), '--url', locked.url, ...creds])).line('ml-backend-auth')
        .title,
    ).toBe('Label Studio logs in as "admin", the backend expects "ls"');
    const extra = await labelStudio({
      mlBackends: [{ url: open.url, auth_method: 'BASIC_AUTH', basic_auth_user: 'ls' }],
    });
    expect(
      (await doctor([...lsArgs(extra), '--url', open.url])).line('ml-backend-auth').status,
    ).toBe('warn');
  });

  it('checks the webhook exists, is usable, and gets through the backend as Label Studio sends it', async () => {
    const locked = await plain({ auth: { user: 'ls', pass: 'pw' }, webhookSecret: 'hook' });
    const creds = ['--basic-auth-user', 'ls', '--basic-auth-pass', 'pw'];
    const ml = { url: locked.url, auth_method: 'BASIC_AUTH' as const, basic_auth_user: 'ls' };
    const check = async (webhooks: FakeProjectOptions['webhooks']) => {
      const ls = await labelStudio({ mlBackends: [ml], webhooks });
      return (await doctor([...lsArgs(ls), '--url', locked.url, ...creds])).line('webhook');
    };
    expect(await check([])).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(
        /No webhook to .*\/webhook: annotations never reach the backend/,
      ) as unknown,
      fix: expect.stringMatching(/\/webhook\?secret=<WEBHOOK_SECRET>/) as unknown,
    });
    expect(
      await check([
        { url: `${locked.url}/webhook?secret=hook`, is_active: false, send_payload: false },
      ]),
    ).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/it is turned off; it sends no payload/) as unknown,
    });
    expect(await check([{ url: `${locked.url}/webhook` }])).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/refuses Label Studio's webhook .*HTTP 401/) as unknown,
      fix: expect.stringMatching(/set WEBHOOK_SECRET on the backend and add \?secret=/) as unknown,
    });
    expect((await check([{ url: `${locked.url}/webhook?secret=wrong` }])).fix).toMatch(
      /not the backend's WEBHOOK_SECRET/,
    );
  });

  it('checks the webhook of an lsml backend run in-process against its own WEBHOOK_SECRET', async () => {
    const ml = { url: 'http://ml:9090', auth_method: 'BASIC_AUTH' as const, basic_auth_user: 'ls' };
    const env = { BASIC_AUTH_USER: 'ls', BASIC_AUTH_PASS: 'pw', WEBHOOK_SECRET: 'hook' };
    const models = ['--model-dir', join(temp, 'models-hook')];
    const good = await labelStudio({
      mlBackends: [ml],
      webhooks: [{ url: 'http://ml:9090/webhook?secret=hook' }],
    });
    const passed = await doctor([...lsArgs(good), '--backend', dummyDir, ...models], env);
    expect(passed.status('webhook')).toEqual(['ok']);
    expect(passed.status('ml-backend-auth')).toEqual(['ok']);
    const bare = await labelStudio({
      mlBackends: [ml],
      webhooks: [{ url: 'http://ml:9090/webhook' }],
    });
    const refused = await doctor([...lsArgs(bare), '--backend', dummyDir, ...models], env);
    expect(refused.line('webhook').title).toMatch(
      /refuses Label Studio's webhook .*HTTP 401: Webhook rejected: add \?secret=<WEBHOOK_SECRET>/,
    );
  });
});

describe('lsml doctor: task media', () => {
  it('explains local files, a file Label Studio does not have, and a bucket it cannot presign', async () => {
    const backend = await plain();
    const withData = async (value: string) => {
      const ls = await labelStudio({
        labelConfig: BBOX_CONFIG,
        data: () => ({ image: value }),
        mlBackends: [{ url: backend.url }],
      });
      return (await doctor([...lsArgs(ls), '--url', backend.url])).line('media');
    };
    expect(await withData('/data/local-files/?d=photos/cat.png')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(
        /answered 403: Label Studio does not serve local files/,
      ) as unknown,
      fix: expect.stringMatching(/LOCAL_FILES_SERVING_ENABLED=true/) as unknown,
    });
    expect(await withData('/data/upload/3/missing.png')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(/answered 404 Not Found/) as unknown,
      fix: expect.stringMatching(
        /set LABEL_STUDIO_URL on the backend to the Label Studio the tasks come from/,
      ) as unknown,
    });
    expect(await withData('gs://bucket/cat.png')).toMatchObject({
      status: 'fail',
      fix: expect.stringMatching(/Source Storage/) as unknown,
    });
  });

  it("reads with the backend's own settings: a wrong LABEL_STUDIO_API_KEY in its environment is named", async () => {
    const ls = await labelStudio({
      labelConfig: BBOX_CONFIG,
      data: (i) => ({ image: `/data/upload/3/${i}.png` }),
      mlBackends: [{ url: 'http://ml:9090' }],
    });
    const report = await doctor(
      [...lsArgs(ls), '--backend', dummyDir, '--model-dir', join(temp, 'models-media')],
      {
        LABEL_STUDIO_URL: ls.url,
        LABEL_STUDIO_API_KEY: 'stale-key',
      },
    );
    expect(report.line('media')).toMatchObject({
      status: 'fail',
      title: expect.stringMatching(
        /with the backend's settings: .*answered 401: check LABEL_STUDIO_API_KEY/,
      ) as unknown,
      fix: expect.stringMatching(/set LABEL_STUDIO_API_KEY on the backend/) as unknown,
    });
  });
});

describe('lsml doctor: the dry-run /predict', () => {
  const region = (over: Record<string, unknown>) => ({
    from_name: 'sentiment',
    to_name: 'text',
    type: 'choices',
    value: { choices: ['Positive'] },
    ...over,
  });

  it('names every result Label Studio would drop: tag names, types, labels, region ids', async () => {
    const backend = await plain({
      predict: (tasks) => ({
        body: {
          model_version: 'plain-v1',
          results: tasks.map((task, i) => ({
            model_version: 'plain-v1',
            score: 0.5,
            result:
              i === 0
                ? [region({ value: { choices: ['Great'] } })]
                : i === 1
                  ? [region({ from_name: 'mood' })]
                  : i === 2
                    ? [region({ type: 'labels' })]
                    : i === 3
                      ? [region({ id: 'r1' }), region({ id: 'r1' })]
                      : [region({})],
          })),
        },
      }),
    });
    const ls = await labelStudio({ mlBackends: [{ url: backend.url }] });
    const line = (await doctor([...lsArgs(ls), '--url', backend.url])).line('predict');
    expect(line.status).toBe('fail');
    expect(line.title).toMatch(/4 problems Label Studio would drop or show wrong/);
    expect(line.details).toEqual([
      expect.stringMatching(/^task 1 result\[0\]: .*"Great".*<Choices name="sentiment">/),
      expect.stringMatching(/^task 2 result\[0\]: from_name "mood" is not a control tag/),
      expect.stringMatching(/^task 3 result\[0\]: .*type/),
      expect.stringMatching(/^task 4 result\[1\]: region id "r1" is used twice/),
    ]);
  });

  it('fails a batch answer of the wrong length, and lists the tasks a failing backend cannot do', async () => {
    const ls = await labelStudio({});
    const two = { result: [region({})], score: 1 };
    const short = await plain({ predict: () => ({ body: { results: [two, two] } }) });
    expect((await doctor([...lsArgs(ls), '--url', short.url])).line('predict').details).toEqual([
      '2 results for 5 tasks: Label Studio drops the whole batch',
    ]);
    const failing = await plain({
      predict: (tasks) =>
        tasks.some((t) => t.id === 2)
          ? { status: 500, body: { error: 'CUDA out of memory' } }
          : { body: { results: tasks.map(() => ({ result: [region({})], score: 1 })) } },
    });
    const report = await doctor([...lsArgs(ls), '--url', failing.url]);
    expect(report.line('predict').details).toEqual(['task 2: HTTP 500: CUDA out of memory']);
  });

  it('warns on a version that is not the /setup one, missing scores, 1 answer for N tasks, and empty predictions', async () => {
    const ls = await labelStudio({});
    const drifting = await plain({
      predict: (tasks) => ({
        body: { results: tasks.map(() => ({ result: [], model_version: 'other' })) },
      }),
    });
    const line = (await doctor([...lsArgs(ls), '--url', drifting.url])).line('predict');
    expect(line.status).toBe('warn');
    expect(line.details).toEqual([
      expect.stringMatching(/model_version "other" but \/setup answers "plain-v1"/),
      '5 of 5 predictions have no task score: Data Manager cannot sort by it (active learning)',
      'every prediction is empty: annotators will see nothing',
    ]);
    const single = await plain({
      predict: () => ({ body: { results: [{ result: [region({})], score: 1 }] } }),
    });
    expect((await doctor([...lsArgs(ls), '--url', single.url])).line('predict').details).toEqual([
      '1 result for 5 tasks: Label Studio then asks again task by task (slow)',
    ]);
  });

  it('names the label an lsml backend run in-process gets wrong (its strict validation, task by task)', async () => {
    const wrong = writeFixtureBackend(
      join(temp, 'wrong-label'),
      `import { defineBackend } from '@lsml/core';
export default defineBackend({ name: 'wrong_label', predict: (tasks) => tasks.map(() => ({ score: 1, result: [{ from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Dog'] } }] })) });`,
    );
    const ls = await labelStudio({ mlBackends: [{ url: 'http://ml:9090' }] });
    const line = (await doctor([...lsArgs(ls), '--backend', wrong, '--sample', '2'])).line(
      'predict',
    );
    expect(line.status).toBe('fail');
    expect(line.details).toEqual([
      expect.stringMatching(
        /^task 1: HTTP 500: Prediction for task #0 is invalid for the label config: result\[0\]: .*"Dog"/,
      ),
      expect.stringMatching(/^task 2: HTTP 500: .*"Dog"/),
    ]);
  });
});

describe('lsml doctor arguments', () => {
  it('needs Label Studio, a key, a project and one backend', async () => {
    const io = memoryIo({ cwd: temp });
    expect(await run(['doctor', '--project', '3', '--url', 'http://x'], io)).toBe(1);
    expect(io.err()).toMatch(/Missing --label-studio \(or LABEL_STUDIO_URL\)/);
    const io2 = memoryIo({
      cwd: temp,
      env: { LABEL_STUDIO_URL: 'http://ls:8080', LABEL_STUDIO_API_KEY: 'k' },
    });
    expect(await run(['doctor', '--project', '3'], io2)).toBe(1);
    expect(io2.err()).toMatch(/Missing --backend or --url/);
  });
});

// A served lsml backend over a real socket, through --url, for the basic auth path of lsml itself.
describe('lsml doctor against lsml over HTTP', () => {
  it('passes with the credentials and secret lsml runs with', async () => {
    const server = await serveDummy(temp, {
      basicAuth: { user: 'ls', pass: 'pw' },
      webhookSecret: 'hook',
    });
    closers.push(() => server.shutdown());
    const { url } = server;
    const ls = await labelStudio({
      mlBackends: [{ url, auth_method: 'BASIC_AUTH', basic_auth_user: 'ls' }],
      webhooks: [{ url: `${url}/webhook?secret=hook` }],
    });
    const report = await doctor([
      ...lsArgs(ls),
      '--url',
      url,
      '--basic-auth-user',
      'ls',
      '--basic-auth-pass',
      'pw',
    ]);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual(ALL.map((id) => [id, 'ok']));
  });
});
