/**
 * `pnpm bench:label-studio`: pre-labeling a Label Studio project through its API
 * (`lsml predict --project`, against the fake Label Studio of @lsml/testing in another process)
 * with a trained simple_text_classifier, against the same backend labeling the same tasks from
 * a file in-process (`lsml predict --tasks`), measured in this run.
 *
 * Prints, per project size: tasks/s of each path and their ratio (API / file), and the peak RSS
 * of the pre-labeling process; then the RSS ratio of the largest size to the smallest (target
 * flat: memory must not grow with the project).
 *
 * Flags: --sizes 5000,50000 (default).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeExport } from '../packages/cli/test/helpers/export-file.js';
import {
  loadSpamAssassin,
  SPAM_XML,
  writeSpamAnnotations,
} from '../packages/cli/test/helpers/spam-export.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const backend = join(root, 'examples', 'simple_text_classifier');
const measure = join(root, 'packages', 'cli', 'test', 'fixtures', 'measure-run.ts');
const sizesFlag = process.argv.indexOf('--sizes');
const sizes = (sizesFlag > 0 ? (process.argv[sizesFlag + 1] ?? '') : '5000,50000')
  .split(',')
  .map(Number);

const messages = loadSpamAssassin();
const work = mkdtempSync(join(tmpdir(), 'lsml-bench-ls-'));
const models = join(work, 'models');
const node = ['--conditions=source', '--import', 'tsx'];

interface Measured {
  code: number;
  maxRssMb: number;
  seconds: number;
  stderr: string;
}

/** Runs one CLI command in a child process (peak RSS measured there) and times it. */
async function cli(args: string[]): Promise<Measured> {
  const started = performance.now();
  const child = spawn(process.execPath, [...node, measure, ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await once(child, 'close');
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  const { code, maxRssMb } = JSON.parse(last) as { code: number; maxRssMb: number };
  if (code !== 0) throw new Error(`lsml ${args[0] ?? ''} failed (${code}): ${stderr.slice(-2000)}`);
  return { code, maxRssMb, seconds: (performance.now() - started) / 1000, stderr };
}

async function startFake(
  tasks: number,
): Promise<{ url: string; key: string; child: ChildProcessWithoutNullStreams }> {
  const child = spawn(
    process.execPath,
    [...node, join(root, 'bench', 'label-studio-fake.ts'), String(tasks), SPAM_XML],
    { cwd: root },
  );
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  return { ...(JSON.parse(line.toString()) as { url: string; key: string }), child };
}

/** The tasks/s a run's summary line reports (its own clock, without process start-up). */
function rate(stderr: string): number {
  const match = /\(([\d,.]+) tasks\/s\)/.exec(stderr);
  return Number((match?.[1] ?? '0').replace(/,/g, ''));
}

try {
  const config = join(work, 'spam.xml');
  writeFileSync(config, SPAM_XML);
  const annotations = join(work, 'train.json');
  await writeSpamAnnotations(annotations, messages);
  await cli([
    'train',
    '--backend',
    backend,
    '--annotations',
    annotations,
    '--config',
    config,
    '--project',
    '1',
    '--model-dir',
    models,
  ]);
  console.log(
    `simple_text_classifier trained on ${messages.filter((m) => m.train).length} SpamAssassin messages`,
  );

  const rss: number[] = [];
  for (const size of sizes) {
    const tasksFile = join(work, `tasks-${size}.json`);
    await writeExport(
      tasksFile,
      (function* () {
        for (let i = 0; i < size; i++)
          yield { id: i + 1, data: { text: messages[i % messages.length]?.text } };
      })(),
    );
    const file = await cli([
      'predict',
      '--backend',
      backend,
      '--tasks',
      tasksFile,
      '--config',
      config,
      '--project',
      '1',
      '--model-dir',
      models,
      '--out',
      join(work, `out-${size}.json`),
    ]);
    const fake = await startFake(size);
    let api: Measured;
    try {
      api = await cli([
        'predict',
        '--label-studio',
        fake.url,
        '--api-key',
        fake.key,
        '--project',
        '1',
        '--backend',
        backend,
        '--model-dir',
        models,
      ]);
    } finally {
      fake.child.stdin.end();
      await once(fake.child, 'close');
    }
    rss.push(api.maxRssMb);
    const apiRate = rate(api.stderr);
    const fileRate = rate(file.stderr);
    console.log(
      `${size.toLocaleString('en-US')} tasks: API ${apiRate.toFixed(0)} tasks/s (peak RSS ${api.maxRssMb.toFixed(0)} MB), file ${fileRate.toFixed(0)} tasks/s (peak RSS ${file.maxRssMb.toFixed(0)} MB); API/file throughput ${(apiRate / fileRate).toFixed(2)}`,
    );
  }
  if (rss.length > 1)
    console.log(
      `peak RSS of pre-labeling, ${sizes.at(-1)?.toLocaleString('en-US')} vs ${sizes[0]?.toLocaleString('en-US')} tasks: ×${((rss.at(-1) ?? 0) / (rss[0] ?? 1)).toFixed(2)} (target ≈1: flat)`,
    );
} finally {
  rmSync(work, { recursive: true, force: true });
}
