import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeEnv } from '../src/compose-env.js';
import { freePort } from '../src/free-port.js';
import { postJson, waitForOk } from '../src/http.js';
import { replayDockerfile } from '../src/replay-dockerfile.js';
import { runCommand, startProcess } from '../src/run-command.js';
import { startVerdaccio, type LocalRegistry } from '../src/verdaccio.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'lsml-registry-'));
const user = join(temp, 'user');
let registry: LocalRegistry | undefined;
/** The environment of a machine with only Node and npm: no pnpm, no repository on PATH. */
let nodeOnly: NodeJS.ProcessEnv;
const timings: Record<string, number> = {};

/** Runs `body`, recording how long it took under `label` (printed at the end). */
async function timed<T>(label: string, body: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await body();
  } finally {
    timings[label] = (performance.now() - started) / 1000;
  }
}

/**
 * A PATH with node, npm and npx only (they share a folder with pnpm on most machines), plus
 * the shell npm runs scripts with, which every machine has.
 */
function nodeOnlyBin(): string {
  const bin = join(temp, 'bin');
  mkdirSync(bin);
  const nodeDir = dirname(process.execPath);
  for (const tool of ['node', 'npm', 'npx']) symlinkSync(join(nodeDir, tool), join(bin, tool));
  symlinkSync('/bin/sh', join(bin, 'sh'));
  return bin;
}

/** Env for child processes: none of this vitest's (or pnpm's) settings leak into them. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([key]) =>
      !key.startsWith('VITEST') &&
      !key.startsWith('npm_') &&
      !key.startsWith('NPM_') &&
      !key.startsWith('PNPM') &&
      key !== 'NODE_OPTIONS' &&
      key !== 'NODE_ENV' &&
      key !== 'INIT_CWD',
  );
  return { ...Object.fromEntries(kept), CI: '1', NO_COLOR: '1', ...extra };
}

const npm = (args: string[], cwd: string, timeoutMs?: number) =>
  runCommand('npm', args, { cwd, env: nodeOnly, ...(timeoutMs ? { timeoutMs } : {}) });

beforeAll(async () => {
  for (const pkg of ['packages/core', 'packages/cli', 'packages/text', 'tools/tiny-models']) {
    if (!existsSync(join(repoRoot, pkg, 'dist'))) {
      throw new Error(`${pkg}/dist is missing: run \`pnpm build\` before this suite`);
    }
  }
  registry = await timed('verdaccio start', () => startVerdaccio(join(temp, 'verdaccio')));
  const host = registry.url.replace(/^http:/, '');
  // The user's own npm settings, plus the @lsml scope on the local registry (and its token).
  const userNpmrc = join(homedir(), '.npmrc');
  const npmrc = join(temp, 'npmrc');
  writeFileSync(
    npmrc,
    `${existsSync(userNpmrc) ? readFileSync(userNpmrc, 'utf8') : ''}\n@lsml:registry=${registry.url}\n${host}:_authToken=${registry.token}\nprefer-offline=true\n`,
  );
  await timed('publish', () =>
    runCommand('pnpm', ['-r', 'publish', '--registry', registry?.url ?? '', '--no-git-checks'], {
      cwd: repoRoot,
      env: cleanEnv({ NPM_CONFIG_USERCONFIG: npmrc }),
      timeoutMs: 240_000,
    }),
  );
  mkdirSync(user);
  nodeOnly = cleanEnv({ PATH: nodeOnlyBin(), NPM_CONFIG_USERCONFIG: npmrc });
});

afterAll(async () => {
  await registry?.stop();
  rmSync(temp, { recursive: true, force: true });
  process.stdout.write(
    `registry suite timings (s): ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}\n`,
  );
});

interface Prediction {
  results: { model_version: string; result: { value: { choices: string[] } }[] }[];
}

const CONFIG =
  '<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices></View>';

function annotation(id: number, label: string, text: string) {
  return {
    action: 'ANNOTATION_CREATED',
    project: { id: 1, label_config: CONFIG },
    task: { id, data: { text } },
    annotation: {
      id,
      result: [
        { from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [label] } },
      ],
    },
  };
}

describe('the published packages, used outside the repository with only Node and npm', () => {
  const mine = join(user, 'mine');

  it('every public package is on the registry', async () => {
    for (const name of ['core', 'cli', 'testing', 'transformers', 'text', 'tiny-models']) {
      const res = await fetch(`${registry?.url ?? ''}@lsml%2f${name}`);
      expect(res.status, `@lsml/${name}`).toBe(200);
    }
  });

  it('npx @lsml/cli create → npm install → test → build → start → /health, webhook, /predict', async () => {
    await timed('npx create', () =>
      npm(
        [
          'exec',
          '--yes',
          '--',
          '@lsml/cli',
          'create',
          'mine',
          '--template',
          'simple_text_classifier',
        ],
        user,
      ),
    );
    const manifest = readFileSync(join(mine, 'package.json'), 'utf8');
    expect(manifest).not.toMatch(/workspace:|file:|\.\.\//);
    await timed('npm install', () => npm(['install'], mine, 240_000));
    expect(existsSync(join(mine, 'package-lock.json'))).toBe(true);
    await timed('npm test', () => npm(['test'], mine));
    await timed('npm run typecheck', () => npm(['run', 'typecheck'], mine));
    await timed('npm run build', () => npm(['run', 'build'], mine));
    expect(existsSync(join(mine, 'dist', 'server.js'))).toBe(true);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = startProcess('npm', ['start'], {
      cwd: mine,
      env: { ...nodeOnly, PORT: String(port), HOST: '127.0.0.1', MODEL_DIR: join(temp, 'models') },
    });
    try {
      const startedAt = performance.now();
      const health = await waitForOk(`${base}/health`, server.output);
      timings['npm start → /health'] = (performance.now() - startedAt) / 1000;
      expect(await health.json()).toMatchObject({
        status: 'UP',
        model_class: 'simple_text_classifier',
      });

      const texts: [string, string][] = [
        ['Positive', 'I love it, great product'],
        ['Negative', 'Awful, it broke at once'],
        ['Positive', 'great value, love the colour'],
        ['Negative', 'awful support, broke again'],
      ];
      let job = '';
      for (const [i, [label, text]] of texts.entries()) {
        const receipt = await postJson(`${base}/webhook`, annotation(i + 1, label, text));
        expect(receipt.status).toBe(201);
        job = (receipt.body as { job?: string }).job ?? job;
      }
      expect(job).not.toBe('');
      // The last webhook's training job decides the version /predict serves: wait for it to end.
      let state = '';
      for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
        const res = await fetch(`${base}/jobs/${encodeURIComponent(job)}`);
        state = ((await res.json()) as { state: string }).state;
        if (state === 'completed' || state === 'failed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(state, server.output()).toBe('completed');
      const predicted = await postJson(`${base}/predict`, {
        project: '1.1',
        label_config: CONFIG,
        tasks: [{ id: 9, data: { text: 'great, I love this' } }],
      });
      expect(predicted.status).toBe(200);
      const [result] = (predicted.body as Prediction).results;
      expect(result?.model_version).toMatch(/-v[1-9]\d*$/);
      expect(result?.result[0]?.value.choices).toEqual(['Positive']);
    } finally {
      await server.stop();
    }
  });

  it("the created backend's Dockerfile, replayed natively, serves /health with its worker", async () => {
    // There is no Docker engine on these machines: the replay is the check. Its steps run
    // in a temporary root (COPY from the backend's folder, RUN with npm from the registry),
    // then its CMD (the API) and docker-compose.yml's worker command start with the compose
    // env; the compose service `redis` is the Redis on 127.0.0.1. /health is UP only once the
    // worker's heartbeat is seen: the pair works, not just the API.
    const dockerfile = readFileSync(join(mine, 'Dockerfile'), 'utf8');
    const context = join(temp, 'context');
    // The build context as `docker build .` sees it: .dockerignore'd folders left out.
    cpSync(mine, context, {
      recursive: true,
      filter: (src) => !/\/(node_modules|dist|models)$/.test(src),
    });
    const image = await timed('Dockerfile replay', () =>
      // The node:20 image has Debian's userland (mkdir, rm) besides node and npm.
      replayDockerfile(dockerfile, context, join(temp, 'image'), {
        ...nodeOnly,
        PATH: `${nodeOnly.PATH ?? ''}:/usr/bin:/bin`,
      }),
    );
    expect(image.argv).toEqual(['node', 'dist/server.js']);
    const env = composeEnv(readFileSync(join(mine, 'docker-compose.yml'), 'utf8'));
    const port = await freePort();
    const [command = 'node', ...args] = image.argv;
    const composeProcessEnv = {
      ...nodeOnly,
      ...image.env,
      ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, image.rebase(v)])),
      REDIS_URL: 'redis://127.0.0.1:6379',
      LSML_QUEUE_PREFIX: `lsml-registry-${process.pid}`,
      PORT: String(port),
      HOST: '127.0.0.1',
    };
    const compose = readFileSync(join(mine, 'docker-compose.yml'), 'utf8');
    expect(compose).toContain("command: ['node', 'dist/worker.js']");
    const server = startProcess(command, args, { cwd: image.cwd, env: composeProcessEnv });
    const worker = startProcess('node', ['dist/worker.js'], {
      cwd: image.cwd,
      env: composeProcessEnv,
    });
    try {
      // The image's HEALTHCHECK probes GET /: the API serves.
      await waitForOk(`http://127.0.0.1:${port}/`, server.output);
      const health = await waitForOk(
        `http://127.0.0.1:${port}/health`,
        () => `${server.output()}\n--- worker ---\n${worker.output()}`,
      );
      expect(await health.json()).toMatchObject({
        status: 'UP',
        mode: 'production',
        can_train: true,
      });
    } finally {
      await Promise.all([server.stop(), worker.stop()]);
    }
  });

  it('the same created backend installs and passes its tests with pnpm', async () => {
    const withPnpm = join(temp, 'with-pnpm');
    cpSync(mine, withPnpm, {
      recursive: true,
      filter: (src) => !/\/(node_modules|dist|models|package-lock\.json)$/.test(src),
    });
    const env = cleanEnv({ NPM_CONFIG_USERCONFIG: join(temp, 'npmrc') });
    await timed('pnpm install', () =>
      runCommand('pnpm', ['install'], { cwd: withPnpm, env, timeoutMs: 240_000 }),
    );
    await timed('pnpm test', () => runCommand('pnpm', ['test'], { cwd: withPnpm, env }));
  });

  it('a plain copy of examples/dummy_model installs and passes its tests', async () => {
    const copy = join(user, 'dummy-copy');
    cpSync(join(repoRoot, 'examples', 'dummy_model'), copy, {
      recursive: true,
      filter: (src) => !/\/(node_modules|dist|models|\.turbo)$/.test(src),
    });
    await timed('dummy copy: npm install', () => npm(['install'], copy, 240_000));
    const output = await timed('dummy copy: npm test', () => npm(['test'], copy));
    expect(output).toMatch(/Tests +\d+ passed/);
  });
});
