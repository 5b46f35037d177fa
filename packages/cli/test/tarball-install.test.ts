import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { shipTemplates } from '../src/templates/ship-templates.js';
import { withTimeout } from '../../core/test/wait-for.js';
import { memoryIo } from './helpers/memory-io.js';
import { childEnv, packLsmlPackages, pnpm } from './helpers/pack-lsml.js';
import { examplesDir, repoRoot } from './helpers/paths.js';

const exec = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-tarballs-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

describe('a backend created outside the monorepo from the shipped templates', () => {
  it('installs from packed @lsml tarballs (no workspace links) and passes its tests', async () => {
    const [tarballs, shipped] = await Promise.all([
      packLsmlPackages(join(temp, 'pack')),
      shipTemplates(examplesDir, join(temp, 'templates')).then(() => join(temp, 'templates')),
    ]);
    // What prepack puts in the CLI package stands alone: no workspace: ranges, no ../../ paths.
    const shippedManifest = readFileSync(join(shipped, 'dummy_model', 'package.json'), 'utf8');
    expect(shippedManifest).not.toContain('workspace:');
    expect(JSON.parse(shippedManifest)).toMatchObject({ name: 'dummy' });
    expect(readFileSync(join(shipped, 'dummy_model', 'tsconfig.json'), 'utf8')).not.toContain(
      '../../',
    );

    const outside = join(temp, 'elsewhere');
    mkdirSync(outside);
    const io = memoryIo({ cwd: outside, env: { LSML_TEMPLATES_DIR: shipped } });
    expect(
      await run(['create', 'my_backend', '--template', 'dummy', '--tarballs', tarballs], io),
      io.err(),
    ).toBe(0);
    const dir = join(outside, 'my_backend');
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(manifest.dependencies['@lsml/core']).toBe(
      `file:${join(tarballs, 'lsml-core-0.1.0.tgz')}`,
    );
    expect(manifest.devDependencies['@lsml/testing']).toMatch(/^file:.*lsml-testing-0\.1\.0\.tgz$/);

    await exec(...pnpm(['install', '--prefer-offline']), { cwd: dir, env: childEnv() });
    // Installed from the tarball, not linked to the workspace's sources.
    const core = realpathSync(join(dir, 'node_modules', '@lsml', 'core'));
    expect(core.startsWith(repoRoot)).toBe(false);
    expect(core.startsWith(dir)).toBe(true);

    const tests = await exec(...pnpm(['test']), { cwd: dir, env: childEnv() });
    expect(tests.stdout).toMatch(/Tests +\d+ passed/);

    // `pnpm start` serves from the installed packages (their dist/, not a workspace's src/).
    // On port 0, read back from its "listening" log line: a port chosen beforehand can be
    // taken by another process (a second copy of the suite) before the server binds it.
    const server = spawn(...pnpm(['start']), {
      cwd: dir,
      env: { ...childEnv(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
      detached: true,
    });
    try {
      const port = await withTimeout(listeningPort(server.stdout), 60_000, 'pnpm start to listen');
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await health.json()).toMatchObject({ status: 'UP' });
    } finally {
      if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
    }
  });

  it('names the missing tarball', async () => {
    const empty = join(temp, 'no-tarballs');
    mkdirSync(empty);
    const io = memoryIo({ cwd: temp });
    expect(await run(['create', 'x', '--tarballs', empty], io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: No tarball for @lsml\/core, @lsml\/testing in .*no-tarballs \(found: none\)\n {2}hint: run npx -y pnpm@[\d.]+ pack /,
    );
  });
});

/** The port in the server's "listening on http://host:port" log line. */
async function listeningPort(stdout: Readable): Promise<number> {
  for await (const line of createInterface({ input: stdout })) {
    const port = /listening on http:\/\/[^\s:]+:(\d+)/.exec(line)?.[1];
    if (port !== undefined) return Number(port);
  }
  throw new Error('pnpm start ended without listening');
}
