import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BackendSession } from '../src/backend-session.js';
import { EditorBrowser } from '../src/editor-browser.js';
import { EXAMPLES } from '../src/example-glue.js';
import * as configs from '../src/label-configs.js';
import { makeMedia } from '../src/media.js';
import { judgeInEditor, runCase, type CaseContext } from '../src/run-case.js';
import { startStaticServer, type StaticServer } from '../src/static-server.js';

const chromiumPath = inject('chromiumPath');
const screenshotDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

// One file, so one Chromium and one static server serve every case.
describe.skipIf(!chromiumPath)("predictions in Label Studio's editor", () => {
  let server: StaticServer | undefined;
  let browser: EditorBrowser | undefined;
  let ctx: CaseContext;
  beforeAll(async () => {
    // Screenshots are of this run's failures only.
    await rm(screenshotDir, { recursive: true, force: true });
    server = await startStaticServer();
    browser = await EditorBrowser.launch(chromiumPath, server.origin);
    ctx = { browser, media: await makeMedia(server, await browser.recordVideo()), screenshotDir };
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  describe('the checks catch what the editor drops or hides', () => {
    const box = { x: 10, y: 20, width: 30, height: 40, rotation: 0 };
    it.each([
      [
        'a choice sent by value where the config has an alias',
        configs.CHOICES_ALIASED,
        {
          from_name: 'sentiment',
          to_name: 'text',
          type: 'choices',
          value: { choices: ['Positive'] },
        },
        /does not show the answer: sentiment/,
      ],
      [
        'a per-region answer without a region',
        configs.PER_REGION_CHOICES,
        { from_name: 'attr', to_name: 'image', type: 'choices', value: { choices: ['Occluded'] } },
        /per-region result on no region: attr/,
      ],
      [
        'a label the config does not have',
        configs.RECTANGLE_LABELS,
        {
          from_name: 'label',
          to_name: 'image',
          type: 'rectanglelabels',
          value: { ...box, rectanglelabels: ['Truck'] },
        },
        /label \(rectanglelabels\) (changed on saving|is not in the saved annotation)/,
      ],
      [
        'a control the config does not have',
        configs.CHOICES_SINGLE,
        { from_name: 'mood', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } },
        /prediction holds 0 results of the 1 sent/,
      ],
    ])('%s', async (name, config, result, expected) => {
      const task = { id: 1, data: config.data(ctx.media) };
      const { problems } = await judgeInEditor(ctx, `checks--${name}`, config.xml, task, {
        result: [result],
      });
      expect(problems.join('\n')).toMatch(expected);
    });

    it('and find nothing wrong with a well-formed prediction', async () => {
      const config = configs.RECTANGLE_LABELS;
      const task = { id: 1, data: config.data(ctx.media) };
      const result = {
        id: 'r1',
        from_name: 'label',
        to_name: 'image',
        type: 'rectanglelabels',
        value: { ...box, rectanglelabels: ['Car'] },
      };
      const verdict = await judgeInEditor(ctx, 'checks--well-formed', config.xml, task, {
        result: [result],
      });
      expect(verdict.problems).toEqual([]);
    });
  });

  // Each case gets its own Label Studio project, so trainings never mix.
  let project = 100;
  for (const example of EXAMPLES) {
    describe(example.name, () => {
      let session: BackendSession | undefined;
      let stop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        const started = await example.start();
        stop = started.stop;
        session = await BackendSession.start(started.backend);
      });
      afterAll(async () => {
        await session?.close();
        await stop?.();
      });

      for (const kase of example.cases) {
        const id = (project += 1);
        const title = kase.note ? `${kase.config.title}, ${kase.note}` : kase.config.title;
        it(title, async () => {
          if (!session) throw new Error(`${example.name} did not start`);
          await runCase({ ...ctx, session }, kase, id, `${example.name}--${title}`);
        });
      }
    });
  }
});
