import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../src/index.js';
import { postJson, testService } from './helpers.js';

// docs/writing-a-backend.md opens with a whole backend. Run that very code, so the guide
// cannot drift from the API: its first ```ts block is imported with '@lsml/core' pointed at
// this package's source.
const here = dirname(fileURLToPath(import.meta.url));
const guide = readFileSync(resolve(here, '../../../docs/writing-a-backend.md'), 'utf8');
const sample = /```ts\n([\s\S]*?)```/.exec(guide)?.[1];
const CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
</View>`;

describe("docs/writing-a-backend.md's example backend", () => {
  const folder = mkdtempSync(join(tmpdir(), 'lsml-doc-sample-'));
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function loadSample(): Promise<Backend> {
    expect(sample, 'the guide has a ```ts block').toBeDefined();
    const core = pathToFileURL(resolve(here, '../src/index.ts')).href;
    const file = join(folder, 'keywords.ts');
    writeFileSync(file, sample!.replaceAll("from '@lsml/core'", `from '${core}'`));
    return ((await import(pathToFileURL(file).href)) as { default: Backend }).default;
  }

  it('refuses a config it cannot serve, learns from annotations, and predicts', async () => {
    const s = testService(await loadSample());
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
