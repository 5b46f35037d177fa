import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useTinyModel, type TinyModelKind } from '@lsml/testing/tiny-models';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { listTemplates } from '../src/templates/template-catalog.js';
import { servingPort, waitForOk } from './helpers/free-port.js';
import { linkDependencies } from './helpers/link-dependencies.js';
import { memoryIo } from './helpers/memory-io.js';
import { examplesDir } from './helpers/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-templates-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

/** Runs a backend's own test suite the way `pnpm test` would, in a child process. */
function runTests(dir: string, vitest: string): Promise<{ code: number | null; output: string }> {
  // The child is a fresh vitest, not a worker of this one.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS',
    ),
  );
  const child = spawn(process.execPath, [vitest, 'run'], {
    cwd: dir,
    env: { ...env, CI: '1', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      resolve({ code, output });
    }),
  );
}

/**
 * The templates that load a transformers.js model in `init` start on a tiny generated model:
 * there is no network to fetch the real one, and a backend whose model cannot load must not
 * serve (see test/startup).
 */
const TINY_MODEL: Readonly<Record<string, TinyModelKind>> = {
  asr: 'whisper',
  gpt2_chat: 'gpt2',
  image_classifier: 'vit-features',
  object_detector: 'detr',
};

/** Runs `body` with `vars` set in process.env (the backends read it when `start` imports them). */
async function withEnv<T>(vars: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  try {
    return await body();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) Reflect.deleteProperty(process.env, key);
      else process.env[key] = value;
    }
  }
}

describe('a backend created from every template', () => {
  const templates = listTemplates(examplesDir);

  it('finds the templates (the examples with src/model.ts)', () => {
    expect(templates.map((t) => t.name)).toContain('dummy_model');
  });

  for (const template of templates) {
    it(`${template.name}: create outside the monorepo, install, pass its tests, answer /health`, async () => {
      const name = `from_${template.name}`;
      expect(
        await run(['create', name, '--template', template.name], memoryIo({ cwd: temp })),
      ).toBe(0);
      const dir = join(temp, name);
      linkDependencies(template.dir, dir);

      const tests = await runTests(dir, join(dir, 'node_modules', 'vitest', 'vitest.mjs'));
      // A created backend must pass its own tests, as its template does in the main suite.
      expect(tests.code, tests.output.slice(-3000)).toBe(0);
      expect(tests.output).toMatch(/Tests +\d+ passed/);

      const kind = TINY_MODEL[template.name];
      const model = kind === undefined ? undefined : await useTinyModel(kind);
      const io = memoryIo({ cwd: temp, env: { LOG_LEVEL: 'silent' } });
      try {
        await withEnv(model?.env ?? {}, async () => {
          // Port 0: the OS picks a free port at bind time; the start line says which.
          const serving = run(['start', name, '--port', '0', '--host', '127.0.0.1'], io);
          try {
            const port = await servingPort(() => io.err(), serving);
            const health = await waitForOk(`http://127.0.0.1:${port}/health`, 60_000);
            expect(await health.json()).toMatchObject({ status: 'UP' });
          } finally {
            io.interrupt();
            expect(await serving, io.err()).toBe(0);
          }
        });
      } finally {
        await model?.remove();
      }
    });
  }
});
