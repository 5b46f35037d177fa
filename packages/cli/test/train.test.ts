import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { writeExport } from './helpers/export-file.js';
import { memoryIo } from './helpers/memory-io.js';
import { dummyDir, SENTIMENT_XML } from './helpers/paths.js';

const temp = mkdtempSync(join(tmpdir(), 'lsml-cli-train-'));
const models = join(temp, 'models');
afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

const annotated = (id: number, cancelled = false) => ({
  id,
  data: { text: `t${id}` },
  annotations: [
    {
      id: id * 10,
      was_cancelled: cancelled,
      result: [
        {
          from_name: 'sentiment',
          to_name: 'text',
          type: 'choices',
          value: { choices: ['Positive'] },
        },
      ],
    },
  ],
});

describe('lsml train, versions, rollback', () => {
  it('trains from an export into a new version, lists versions, rolls back', async () => {
    const config = join(temp, 'config.xml');
    writeFileSync(config, SENTIMENT_XML);
    const exportFile = join(temp, 'export.json');
    // 3 annotated, 1 cancelled, 1 unlabeled: dummy's fit counts the training set.
    await writeExport(exportFile, [
      annotated(1),
      annotated(2),
      annotated(3),
      annotated(4, true),
      { id: 5, data: { text: 't5' }, annotations: [] },
    ]);
    const trainArgs = [
      'train',
      '--backend',
      dummyDir,
      '--annotations',
      exportFile,
      '--config',
      config,
    ];
    const common = ['--project', '7', '--model-dir', models];
    for (const expected of ['dummy-v1', 'dummy-v2']) {
      const io = memoryIo({ cwd: temp });
      expect(await run([...trainArgs, ...common], io)).toBe(0);
      expect(io.out()).toBe(`${expected}\n`);
      expect(io.err()).toMatch(new RegExp(`stored ${expected} \\(project 7, 3 examples`));
    }

    const list = memoryIo({ cwd: temp });
    expect(await run(['versions', ...common], list)).toBe(0);
    expect(list.out()).toMatch(
      /^project 7 \(current dummy-v2, keeps the newest 10\)\n {2}dummy-v1 .* 3 examples\n\* dummy-v2 /,
    );

    const back = memoryIo({ cwd: temp });
    expect(await run(['rollback', '1', ...common], back)).toBe(0);
    expect(back.out()).toBe('project 7: current version is now dummy-v1\n');
    const pinned = memoryIo({ cwd: temp, env: { LSML_KEEP_VERSIONS: '3' } });
    expect(await run(['versions', ...common], pinned)).toBe(0);
    expect(pinned.out()).toMatch(
      /^project 7 \(current dummy-v1, pinned dummy-v1, keeps the newest 3\)\n\* dummy-v1 .* pinned\n {2}dummy-v2 /,
    );
    const json = memoryIo({ cwd: temp });
    expect(await run(['versions', '--json', '--model-dir', models], json)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject([
      {
        project: '7',
        current: 'dummy-v1',
        keep: 10,
        pinned: 'dummy-v1',
        versions: [
          { version: 'dummy-v1', current: true, pinned: true },
          { version: 'dummy-v2', current: false, pinned: false },
        ],
      },
    ]);
    const unpin = memoryIo({ cwd: temp });
    expect(await run(['versions', '--unpin', ...common], unpin)).toBe(0);
    expect(unpin.out()).toBe('project 7: dummy-v1 is no longer pinned\n');
    const noProject = memoryIo({ cwd: temp });
    expect(await run(['versions', '--unpin', '--model-dir', models], noProject)).toBe(1);
    expect(noProject.err()).toMatch(/^lsml: --unpin needs the project .*\n {2}hint: add --project/);
    const badKeep = memoryIo({ cwd: temp, env: { LSML_KEEP_VERSIONS: 'all' } });
    expect(await run(['versions', ...common], badKeep)).toBe(1);
    expect(badKeep.err()).toMatch(/LSML_KEEP_VERSIONS="all" is not valid/);

    const missing = memoryIo({ cwd: temp });
    expect(await run(['rollback', 'dummy-v9', ...common], missing)).toBe(1);
    expect(missing.err()).toMatch(
      /^lsml: Project 7 has no model version "dummy-v9"\n {2}hint: list the versions with `lsml versions --project 7`/,
    );

    // The stored label config lets predict run without --config afterwards.
    const tasks = join(temp, 'tasks.jsonl');
    await writeExport(tasks, [{ id: 1, data: { text: 'x' } }], 'jsonl');
    const predict = memoryIo({ cwd: temp });
    const out = join(temp, 'out.json');
    expect(
      await run(
        ['predict', '--backend', dummyDir, '--tasks', tasks, '--out', out, ...common],
        predict,
      ),
    ).toBe(0);
    expect(predict.err()).toMatch(/model dummy-v1/);
  });

  it('refuses an export without annotations', async () => {
    const exportFile = join(temp, 'unlabeled.json');
    await writeExport(exportFile, [{ id: 1, data: { text: 'x' }, annotations: [] }]);
    const io = memoryIo({ cwd: temp });
    expect(
      await run(
        ['train', '--backend', dummyDir, '--annotations', exportFile, '--model-dir', models],
        io,
      ),
    ).toBe(1);
    expect(io.err()).toMatch(
      /^lsml: .*unlabeled\.json has no annotated tasks \(1 tasks, none with an annotation\)\n {2}hint: /,
    );
  });

  it('says when there are no versions yet', async () => {
    const io = memoryIo({ cwd: temp });
    expect(await run(['versions', '--model-dir', join(temp, 'nothing')], io)).toBe(0);
    expect(io.out()).toMatch(/^No model versions in /);
  });
});
