import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TextClassifier } from '../src/index.js';
import { randomLabeledTexts } from './random-texts.js';

const exec = promisify(execFile);
const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const temp = mkdtempSync(join(tmpdir(), 'lsml-text-built-'));
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

/** Builds a copy of the package, so that no dist/ appears in the workspace for tests to load. */
async function buildCopy(): Promise<string> {
  const build = join(temp, 'build');
  const copy = join(build, 'packages', 'text');
  mkdirSync(copy, { recursive: true });
  cpSync(join(repoRoot, 'tsconfig.base.json'), join(build, 'tsconfig.base.json'));
  symlinkSync(join(repoRoot, 'node_modules'), join(build, 'node_modules')); // @types/node
  for (const entry of ['package.json', 'tsconfig.build.json', 'src'])
    cpSync(join(packageDir, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(packageDir, 'node_modules'), join(copy, 'node_modules'));
  const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await exec(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: copy });
  return copy;
}

describe('@lsml/text installed from a registry (dist/ only, plain Node)', () => {
  it('trains on a worker thread from the built files, with no tsx to fall back on', async () => {
    const built = await buildCopy();
    // An app outside the workspace with what a registry install gives it: the files the
    // manifest publishes, and natural, the one dependency. No tsx anywhere up its tree.
    const app = join(temp, 'app');
    const installed = join(app, 'node_modules', '@lsml', 'text');
    const manifest = JSON.parse(readFileSync(join(built, 'package.json'), 'utf8')) as {
      files: string[];
    };
    for (const entry of ['package.json', ...manifest.files])
      cpSync(join(built, entry), join(installed, entry), { recursive: true });
    const natural = realpathSync(join(packageDir, 'node_modules', 'natural'));
    symlinkSync(natural, join(app, 'node_modules', 'natural'));

    const examples = randomLabeledTexts(400, 3);
    const texts = examples.slice(0, 20).map((e) => e.text);
    writeFileSync(join(app, 'job.json'), JSON.stringify({ examples, texts }));
    writeFileSync(
      join(app, 'train.mjs'),
      `import { readFileSync } from 'node:fs';
import { trainInWorker } from '@lsml/text';
const { examples, texts } = JSON.parse(readFileSync('job.json', 'utf8'));
const model = await trainInWorker({ examples, labels: ['a', 'b'], options: { mode: 'single' } });
console.log(JSON.stringify({ labels: model.labels, probabilities: Array.from(model.predictProba(texts)) }));
`,
    );
    // Not this vitest's worker settings: a plain `node`.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'),
    );
    const { stdout } = await exec(process.execPath, ['train.mjs'], { cwd: app, env });

    const answer = JSON.parse(stdout) as { labels: string[]; probabilities: number[] };
    const here = TextClassifier.train(examples, ['a', 'b'], { mode: 'single' });
    expect(answer.labels).toEqual(['a', 'b']);
    expect(answer.probabilities).toEqual(Array.from(here.predictProba(texts)));
  }, 180_000);
});
