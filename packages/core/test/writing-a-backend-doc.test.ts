import { execFile } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../src/index.js';
import { postJson, testService } from './helpers.js';

// docs/writing-a-backend.md shows a whole backend, file by file: each block under a
// "### `path`" heading. Those files are written into a folder laid out as `npx @lsml/cli create`
// lays one out (the template's tsconfig.json and vitest.config.ts, node_modules linking this
// workspace's @lsml packages), then the model is run here, the folder is type-checked as the
// backend's `npm run typecheck` would, and the guide's own test file runs inside this one.
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const template = join(repo, 'examples/dummy_model');
const guide = readFileSync(join(repo, 'docs/writing-a-backend.md'), 'utf8');
const files = filesOf(guide);
const CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
</View>`;

/** `### \`src/model.ts\`` followed, after some prose, by a fenced block: path → block text. */
function filesOf(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const section = /^### `([^`]+)`\n[\s\S]*?^```\w*\n([\s\S]*?)^```$/gm;
  for (const [, path, code] of markdown.matchAll(section)) found.set(path!, code!);
  return found;
}

const backendDir = mkdtempSync(join(tmpdir(), 'lsml-doc-backend-'));
writeBackend(backendDir);

/** The guide's files, the template's configs, and node_modules as an install would link them. */
function writeBackend(dir: string): void {
  for (const [path, code] of files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), code);
  }
  for (const config of ['tsconfig.json', 'vitest.config.ts'])
    copyFileSync(join(template, config), join(dir, config));
  const require = createRequire(join(repo, 'package.json'));
  const packageDir = (name: string) =>
    realpathSync(dirname(require.resolve(`${name}/package.json`)));
  const links: Record<string, string> = {
    '@lsml/core': join(repo, 'packages/core'),
    '@lsml/testing': join(repo, 'packages/testing'),
    // The very vitest running this file, so the guide's test registers its tests here.
    vitest: packageDir('vitest'),
    '@types/node': packageDir('@types/node'),
  };
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', name), 'dir');
  }
}

afterAll(() => {
  rmSync(backendDir, { recursive: true, force: true });
});

describe('docs/writing-a-backend.md', () => {
  it('shows package.json, src/model.ts, src/server.ts, src/worker.ts and a test', () => {
    expect([...files.keys()].sort()).toEqual([
      'package.json',
      'src/model.ts',
      'src/server.ts',
      'src/worker.ts',
      'test/keywords.test.ts',
    ]);
  });

  it("shows the package.json create writes: the template's scripts and dependencies", () => {
    const shown = JSON.parse(files.get('package.json')!) as Record<string, unknown>;
    const made = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const field of ['type', 'scripts', 'dependencies', 'devDependencies', 'engines'])
      expect(shown[field], field).toEqual(made[field]);
  });

  it('imports and exports the backend as the template does: `{ keywords }` and default', () => {
    for (const path of ['src/server.ts', 'src/worker.ts'])
      expect(files.get(path), path).toContain("import { keywords } from './model.js';");
    expect(files.get('test/keywords.test.ts')).toContain(
      "import { keywords } from '../src/model.js';",
    );
    expect(files.get('src/model.ts')).toMatch(/^export const keywords = defineBackend/m);
    expect(files.get('src/model.ts')).toMatch(/^export default keywords;$/m);
  });

  it('type-checks as a backend folder (the template tsconfig, as `npm run typecheck`)', async () => {
    const tsc = join(dirname(createRequire(import.meta.url).resolve('typescript')), '../bin/tsc');
    const run = promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.json'], {
      cwd: backendDir,
    });
    // tsc prints its errors on stdout and exits 2; no output is a clean check.
    const { stdout } = await run.catch((e: unknown) => e as { stdout: string });
    expect(stdout).toBe('');
  }, 120_000);

  it('refuses a config it cannot serve, learns from annotations, and predicts', async () => {
    const model = pathToFileURL(join(backendDir, 'src/model.ts')).href;
    const loaded = (await import(model)) as { default: Backend; keywords: Backend };
    expect(loaded.default).toBe(loaded.keywords);
    const s = testService(loaded.keywords);
    try {
      const refused = await postJson(s.app, '/setup', {
        project: '1.1',
        schema:
          '<View><Image name="i" value="$i"/><Choices name="c" toName="i"><Choice value="A"/></Choices></View>',
      });
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain('needs a <Choices> control bound to a <Text>');

      const annotated = [
        ['I love it', 'Positive'],
        ['awful thing', 'Negative'],
      ] as const;
      for (const [id, [text, label]] of annotated.entries()) {
        const res = await postJson(s.app, '/webhook', {
          action: 'ANNOTATION_CREATED',
          project: { id: 1, label_config: CONFIG },
          task: { id: id + 1, data: { text } },
          annotation: {
            id: id + 1,
            task: id + 1,
            result: [
              {
                from_name: 'sentiment',
                to_name: 'text',
                type: 'choices',
                value: { choices: [label] },
              },
            ],
          },
        });
        expect(res.status).toBeLessThan(300);
      }
      await s.trainer.idle();

      const res = await postJson(s.app, '/predict', {
        project: '1.1',
        label_config: CONFIG,
        tasks: [
          { id: 3, data: { text: 'Awful, simply awful' } },
          { id: 4, data: { text: 'no idea' } },
        ],
      });
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as {
        results: { result: { value: { choices: string[] } }[]; score: number }[];
      };
      expect(results[0]!.result[0]!.value.choices).toEqual(['Negative']);
      expect(results[1]).toMatchObject({ result: [], score: 0 });
    } finally {
      await s.cleanup();
    }
  });
});

// The guide's test file, run as `npm test` runs it: its tests register in this file.
describe('docs/writing-a-backend.md: test/keywords.test.ts', async () => {
  await import(pathToFileURL(join(backendDir, 'test/keywords.test.ts')).href);
});
