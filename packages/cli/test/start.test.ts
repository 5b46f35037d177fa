import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { freePort, servingPort, waitForOk } from './helpers/free-port.js';
import { memoryIo } from './helpers/memory-io.js';
import { dummyDir, repoRoot } from './helpers/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-start-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('lsml start', () => {
  it('serves the workspace dummy from src/model.ts until interrupted; flags beat env', async () => {
    const io = memoryIo({
      cwd: repoRoot,
      // The env asks for other credentials and another port: the flags must win.
      env: {
        BASIC_AUTH_USER: 'env-user',
        BASIC_AUTH_PASS: 'env-pass',
        PORT: '1',
        LOG_LEVEL: 'silent',
      },
    });
    const running = run(
      [
        'start',
        'examples/dummy_model',
        '--port',
        '0', // the OS picks a free port at bind time
        '--host',
        '127.0.0.1',
        '--basic-auth-user',
        'flag-user',
        '--basic-auth-pass',
        'flag-pass',
        '--model-dir',
        join(temp, 'models'),
      ],
      io,
    );
    const auth = {
      authorization: `Basic ${Buffer.from('flag-user:flag-pass').toString('base64')}`,
    };
    const port = await servingPort(() => io.err(), running);
    expect(port).not.toBe(1); // PORT=1 from the env lost to --port
    const health = await fetch(`http://127.0.0.1:${port}/health`, { headers: auth });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'UP', model_class: 'dummy' });
    const envAuth = {
      authorization: `Basic ${Buffer.from('env-user:env-pass').toString('base64')}`,
    };
    expect((await fetch(`http://127.0.0.1:${port}/health`, { headers: envAuth })).status).toBe(401);
    expect(io.err()).toMatch(
      /serving dummy from examples\/dummy_model\/src\/model\.ts at http:\/\/127\.0\.0\.1:\d+/,
    );
    io.interrupt();
    expect(await running).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('says the port is in use, with a hint', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) => {
      blocker.listen(0, '127.0.0.1', () => {
        const a = blocker.address();
        resolve(typeof a === 'object' && a ? a.port : 0);
      });
    });
    try {
      const io = memoryIo({ cwd: repoRoot, env: { LOG_LEVEL: 'silent' } });
      const code = await run(
        ['start', dummyDir, '--port', String(port), '--host', '127.0.0.1'],
        io,
      );
      expect(code).toBe(1);
      expect(io.err()).toMatch(
        new RegExp(`^lsml: Port ${port} is already in use\\n  hint: .*--port ${port + 1}`),
      );
    } finally {
      blocker.close();
    }
  });

  it.each([
    [
      'a missing directory',
      'no/such/dir',
      /^lsml: No backend directory no\/such\/dir\n {2}hint: create one with `lsml create no\/such\/dir`/,
    ],
    [
      'a directory without package.json',
      'empty',
      /^lsml: empty has no package.json.*\n {2}hint: create one with `lsml create empty`/,
    ],
    [
      'a package without a backend module',
      'no-model',
      /^lsml: no-model has no backend module.*\n {2}hint: export the backend from src\/model\.ts/,
    ],
    [
      'a module that exports no backend',
      'no-export',
      /^lsml: .*model\.ts exports no backend\n {2}hint: export one: `export default defineBackend/,
    ],
  ])('explains %s', async (_what, dir, message) => {
    mkdirSync(join(temp, 'empty'), { recursive: true });
    mkdirSync(join(temp, 'no-model'), { recursive: true });
    writeFileSync(join(temp, 'no-model', 'package.json'), '{"name":"no-model","type":"module"}');
    mkdirSync(join(temp, 'no-export', 'src'), { recursive: true });
    writeFileSync(join(temp, 'no-export', 'package.json'), '{"name":"no-export","type":"module"}');
    writeFileSync(
      join(temp, 'no-export', 'src', 'model.ts'),
      'export const answer: number = 42;\n',
    );
    const io = memoryIo({ cwd: temp });
    expect(await run(['start', dir, '--port', String(await freePort())], io)).toBe(1);
    expect(io.err()).toMatch(message);
  });

  it('refuses half a basic-auth pair and an unknown mode', async () => {
    const io = memoryIo({ cwd: repoRoot });
    expect(await run(['start', dummyDir, '--basic-auth-user', 'u'], io)).toBe(1);
    expect(io.err()).toMatch(/Basic auth needs both a user and a password/);
    const mode = memoryIo({ cwd: repoRoot });
    expect(await run(['start', dummyDir, '--mode', 'turbo'], mode)).toBe(1);
    expect(mode.err()).toMatch(/--mode must be dev or production/);
  });

  it('answers /health from a real child process through the bin entry', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(
      process.execPath,
      [
        '--conditions=source',
        '--import',
        'tsx',
        'packages/cli/src/main.ts',
        'start',
        dummyDir,
        '--port',
        '0',
        '--model-dir',
        join(temp, 'child-models'),
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const port = await servingPort(() => stderr, exited);
      const res = await waitForOk(`http://127.0.0.1:${port}/health`, 60_000);
      expect(await res.json()).toMatchObject({ status: 'UP', model_class: 'dummy' });
    } finally {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
