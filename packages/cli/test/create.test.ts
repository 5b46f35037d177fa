import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { rewriteManifest } from '../src/templates/rewrite-manifest.js';
import { memoryIo } from './helpers/memory-io.js';
import { repoRoot } from './helpers/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-create-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

interface Manifest {
  name: string;
  extends: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
}
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;

describe('lsml create', () => {
  it('copies the dummy template outside the monorepo as a standalone package', async () => {
    const io = memoryIo({ cwd: temp });
    expect(await run(['create', 'my-backend'], io)).toBe(0);
    const dir = join(temp, 'my-backend');
    const manifest = readJson(join(dir, 'package.json'));
    expect(manifest.name).toBe('my-backend');
    expect(manifest.dependencies['@lsml/core']).toMatch(/^\^\d+\.\d+\.\d+$/);
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(manifest.devDependencies['@types/node']).toBeDefined();
    expect(Object.keys(manifest.scripts)).toEqual(
      expect.arrayContaining(['dev', 'start', 'worker', 'test', 'build', 'typecheck']),
    );
    expect(JSON.stringify(manifest.scripts)).not.toContain('conditions');
    // Nothing points above the folder: configs, Dockerfile, compose file and README.
    for (const file of [
      'tsconfig.json',
      'tsconfig.build.json',
      'vitest.config.ts',
      'Dockerfile',
      'docker-compose.yml',
      'README.md',
    ])
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toContain('../');
    const dockerfile = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(
      'RUN if [ -f package-lock.json ]; then npm ci; else npm install; fi',
    );
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).not.toContain('pnpm');
    expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).toMatch(/context: \.\n/);
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(readme).toMatch(/^# my-backend$/m);
    expect(readme).not.toMatch(/pnpm|--filter/);
    expect(readme).toContain('Needs Docker with its compose plugin:\n\n```sh\ndocker compose up');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toContain('node_modules/');
    for (const skipped of ['node_modules', 'dist', 'models'])
      expect(existsSync(join(dir, skipped))).toBe(false);
    expect(existsSync(join(dir, 'src', 'model.ts'))).toBe(true);
    expect(io.out()).toMatch(/Created my-backend in my-backend from template dummy_model/);
    // Next: works with only Node.
    expect(io.out()).toContain('npm install');
    expect(io.out()).not.toContain('pnpm');
  });

  it('names a folder outside the current one by its absolute path', async () => {
    const io = memoryIo({ cwd: join(temp, 'here') });
    mkdirSync(join(temp, 'here'), { recursive: true });
    expect(await run(['create', '../beside'], io)).toBe(0);
    const dir = join(temp, 'beside');
    expect(io.out()).toContain(`Created beside in ${dir} from template dummy_model`);
    expect(io.out()).toContain(`cd ${dir}`);
  });

  it('is also called init, and refuses to overwrite without --force', async () => {
    mkdirSync(join(temp, 'taken'));
    writeFileSync(join(temp, 'taken', 'notes.txt'), 'mine');
    const io = memoryIo({ cwd: temp });
    expect(await run(['init', 'taken'], io)).toBe(1);
    expect(io.err()).toMatch(/^lsml: .*taken already exists and is not empty\n {2}hint: .*--force/);
    expect(await run(['init', 'taken', '--force'], memoryIo({ cwd: temp }))).toBe(0);
    expect(readFileSync(join(temp, 'taken', 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(temp, 'taken', 'src', 'model.ts'))).toBe(true);
  });

  it('names the templates when one is unknown', async () => {
    const io = memoryIo({ cwd: temp });
    expect(await run(['create', 'x', '--template', 'nope'], io)).toBe(1);
    expect(io.err()).toMatch(/^lsml: Unknown template "nope"\n {2}hint: templates: .*dummy_model/);
    const list = memoryIo({ cwd: temp });
    expect(await run(['create', '--list'], list)).toBe(0);
    expect(list.out()).toMatch(/^dummy_model +The smallest lsml backend/m);
  });

  it('accepts a template by package name (dummy)', async () => {
    expect(await run(['create', 'by-package-name', '-t', 'dummy'], memoryIo({ cwd: temp }))).toBe(
      0,
    );
    expect(readJson(join(temp, 'by-package-name', 'package.json')).name).toBe('by-package-name');
  });

  it('keeps workspace:* dependencies and fixes relative paths inside the monorepo', async () => {
    // A folder pnpm-workspace.yaml does not list, so the workspace install is untouched.
    const inside = mkdtempSync(join(repoRoot, 'packages', 'cli', '.tmp-create-'));
    try {
      const io = memoryIo({ cwd: inside });
      expect(await run(['create', 'deep/inside_backend'], io)).toBe(0);
      const dir = join(inside, 'deep', 'inside_backend');
      const manifest = readJson(join(dir, 'package.json'));
      expect(manifest.name).toBe('inside_backend');
      // The template's registry range, which the workspace links (linkWorkspacePackages).
      expect(manifest.dependencies['@lsml/core']).toBe('^0.1.0');
      expect(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')).toContain(
        'context: ../../../../..',
      );
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('pnpm');
      expect(io.out()).toContain('pnpm-workspace.yaml');
      // Next: runs with only Node: pnpm through npx, at the version the repository pins.
      expect(io.out()).toMatch(/^ {2}npx -y pnpm@\d+\.\d+\.\d+ install /m);
      expect(io.out()).not.toMatch(/^ {2}pnpm /m);
    } finally {
      rmSync(inside, { recursive: true, force: true });
    }
  });
});

describe('lsml create --script', () => {
  it("starts from the user's model file and wires server, worker and test to it", async () => {
    const model = join(temp, 'my-model.ts');
    writeFileSync(
      model,
      "import { defineBackend } from '@lsml/core';\nexport const sentiment = defineBackend({ name: 'sentiment', predict: (tasks) => tasks.map(() => ({ result: [] })) });\n",
    );
    const io = memoryIo({ cwd: temp });
    expect(await run(['init', 'from-script', '--script', 'my-model.ts'], io), io.err()).toBe(0);
    const dir = join(temp, 'from-script');
    expect(readFileSync(join(dir, 'src', 'model.ts'), 'utf8')).toBe(readFileSync(model, 'utf8'));
    expect(readFileSync(join(dir, 'src', 'server.ts'), 'utf8')).toContain(
      "import { sentiment as dummy } from './model.js';",
    );
    expect(readFileSync(join(dir, 'src', 'worker.ts'), 'utf8')).toContain(
      "import { sentiment as dummy } from './model.js';",
    );
    expect(existsSync(join(dir, 'test', 'conformance.test.ts'))).toBe(false);
    expect(readFileSync(join(dir, 'test', 'backend.test.ts'), 'utf8')).toContain(
      "import { sentiment as backend } from '../src/model.js';",
    );
  });

  it('refuses a file that exports no backend, saying how to export one, and creates nothing', async () => {
    writeFileSync(join(temp, 'plain.ts'), 'const x = 1;\n');
    const io = memoryIo({ cwd: temp });
    expect(await run(['create', 'no-backend', '--script', 'plain.ts'], io)).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: .*plain\.ts exports no backend\n {2}hint: export .*defineBackend/,
    );
    expect(existsSync(join(temp, 'no-backend'))).toBe(false);
  });
});

describe('rewriteManifest', () => {
  it('turns workspace ranges into registry ranges and reports unknown packages', () => {
    const { manifest, unresolved } = rewriteManifest(
      {
        name: 'dummy',
        dependencies: { '@lsml/core': 'workspace:*', zod: '^4.0.0', '@lsml/x': 'workspace:~' },
        devDependencies: { '@lsml/testing': 'workspace:^', '@lsml/gone': 'workspace:*' },
      },
      {
        name: 'mine',
        insideWorkspace: false,
        workspaceVersions: new Map([
          ['@lsml/core', '1.2.3'],
          ['@lsml/x', '0.4.0'],
          ['@lsml/testing', '0.1.0'],
        ]),
      },
    );
    expect(manifest).toEqual({
      name: 'mine',
      dependencies: { '@lsml/core': '^1.2.3', zod: '^4.0.0', '@lsml/x': '~0.4.0' },
      devDependencies: { '@lsml/testing': '^0.1.0', '@lsml/gone': 'workspace:*' },
    });
    expect(unresolved).toEqual(['@lsml/gone']);
  });
});
