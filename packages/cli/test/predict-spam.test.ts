import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { readTasks } from '../src/tasks/read-tasks.js';
import { importShapeProblems } from './helpers/import-shape.js';
import { memoryIo } from './helpers/memory-io.js';
import { cliDir, dummyDir, examplesDir } from './helpers/paths.js';
import {
  loadSpamAssassin,
  SPAM_XML,
  writeSpamAnnotations,
  writeSpamTasks,
} from './helpers/spam-export.js';

/**
 * Auto-labeling the whole SpamAssassin corpus, measured in child processes: the trained
 * simple_text_classifier when that example has a backend, else dummy (which labels anything).
 */
const classifierDir = join(examplesDir, 'simple_text_classifier');
const backendDir = existsSync(join(classifierDir, 'src', 'model.ts')) ? classifierDir : dummyDir;
const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-spam-'));
const models = join(temp, 'models');
const config = join(temp, 'config.xml');
const messages = loadSpamAssassin();

beforeAll(async () => {
  writeFileSync(config, SPAM_XML);
  await writeSpamTasks(join(temp, 'spam-1x.json'), messages, 1);
  await writeSpamTasks(join(temp, 'spam-10x.json'), messages, 10);
});
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

interface Measured {
  code: number;
  maxRssMb: number;
  stderr: string;
}

/** `lsml predict` in a fresh Node process, so its peak RSS is its own. */
function predictInChild(tasks: string, out: string): Promise<Measured> {
  const args = [
    'predict',
    '--backend',
    backendDir,
    '--tasks',
    tasks,
    '--config',
    config,
    '--out',
    out,
    '--model-dir',
    models,
  ];
  const child = spawn(
    process.execPath,
    [
      '--conditions=source',
      '--import',
      'tsx',
      join(cliDir, 'test', 'fixtures', 'measure-run.ts'),
      ...args,
    ],
    { cwd: cliDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', () => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ ...(JSON.parse(last) as { code: number; maxRssMb: number }), stderr });
      } catch {
        reject(
          new Error(`no measurement from the child: ${stdout.slice(-500)} ${stderr.slice(-2000)}`),
        );
      }
    });
  });
}

/** Streams an output file back, checking each task's import shape, without loading it whole. */
async function checkOutput(
  path: string,
  sampleEvery: number,
): Promise<{ count: number; problems: string[] }> {
  let count = 0;
  const problems: string[] = [];
  for await (const { value } of await readTasks(path)) {
    if (count % sampleEvery === 0) problems.push(...importShapeProblems([value], SPAM_XML));
    count++;
  }
  return { count, problems };
}

/** Share of held-out messages whose predicted choice is their label. */
async function heldOutAccuracy(path: string): Promise<number> {
  let i = 0;
  let right = 0;
  let total = 0;
  for await (const { value } of await readTasks(path)) {
    const message = messages[i++];
    if (!message || message.train) continue;
    const { predictions } = value as {
      predictions: { result: { value: { choices?: string[] } }[] }[];
    };
    total++;
    if (predictions[0]?.result[0]?.value.choices?.[0] === message.label) right++;
  }
  return right / total;
}

describe(`predict over SpamAssassin with ${backendDir === dummyDir ? 'dummy' : 'a trained simple_text_classifier'}`, () => {
  it('trains first when the backend learns', { timeout: 600_000 }, async () => {
    if (backendDir === dummyDir) return;
    const annotations = join(temp, 'spam-train.json');
    await writeSpamAnnotations(annotations, messages);
    const io = memoryIo({ cwd: temp });
    const args = [
      'train',
      '--backend',
      backendDir,
      '--annotations',
      annotations,
      '--config',
      config,
      '--model-dir',
      models,
    ];
    expect(await run(args, io), io.err()).toBe(0);
    expect(io.out()).toMatch(/-v1\n$/);
  });

  it(
    'labels every message with progress and a summary; output imports; peak RSS flat at 10× input',
    { timeout: 600_000 },
    async () => {
      const one = await predictInChild(join(temp, 'spam-1x.json'), join(temp, 'out-1x.json'));
      expect(one.code, one.stderr).toBe(0);
      expect(one.stderr).toMatch(
        /^predict: \d+% [\d,]+ tasks, [\d,.]+\/s, \d+ failed, ETA \d+:\d\d$/m,
      );
      const summary = new RegExp(
        `^done: ${messages.length.toLocaleString('en-US')} tasks in [\\d.]+s \\(([\\d,.]+) tasks/s\\), ${messages.length.toLocaleString('en-US')} labeled, 0 failed`,
        'm',
      );
      expect(one.stderr).toMatch(summary);
      const output = await checkOutput(join(temp, 'out-1x.json'), 1);
      expect(output.count).toBe(messages.length);
      expect(output.problems).toEqual([]);
      if (backendDir !== dummyDir) {
        // Output order is input order: the held-out fifth measures the trained classifier.
        const accuracy = await heldOutAccuracy(join(temp, 'out-1x.json'));
        console.info(`simple_text_classifier held-out accuracy ${accuracy.toFixed(3)}`);
        expect(accuracy).toBeGreaterThan(0.9);
      }

      const ten = await predictInChild(join(temp, 'spam-10x.json'), join(temp, 'out-10x.json'));
      expect(ten.code, ten.stderr).toBe(0);
      const tenOutput = await checkOutput(join(temp, 'out-10x.json'), 97);
      expect(tenOutput.count).toBe(messages.length * 10);
      expect(tenOutput.problems).toEqual([]);

      const mb = (file: string) => statSync(join(temp, file)).size / 2 ** 20;
      const rate = (m: Measured) =>
        summary.exec(m.stderr)?.[1] ?? /\(([\d,.]+) tasks\/s\)/.exec(m.stderr)?.[1];
      console.info(
        `predict ${backendDir === dummyDir ? 'dummy' : 'simple_text_classifier'}: 1× ${mb('spam-1x.json').toFixed(0)} MB in, peak RSS ${one.maxRssMb.toFixed(0)} MB, ${rate(one)} tasks/s; ` +
          `10× ${mb('spam-10x.json').toFixed(0)} MB in, peak RSS ${ten.maxRssMb.toFixed(0)} MB, ${rate(ten)} tasks/s; ratio ${(ten.maxRssMb / one.maxRssMb).toFixed(2)}`,
      );
      // Ten times the input may not cost ten times the memory: holding the 10× export (or the
      // output) would add at least its size (325 MB) to the peak. A streaming run still grows
      // some with a longer run (V8 grows its heap lazily; measured 1.26-1.43×, +80-120 MB), so
      // the bounds sit between the two.
      expect(ten.maxRssMb / one.maxRssMb).toBeLessThan(1.8);
      expect(ten.maxRssMb - one.maxRssMb).toBeLessThan(mb('spam-10x.json') * 0.75);
    },
  );
});
