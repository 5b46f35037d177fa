/**
 * A fake Label Studio for `bench/label-studio.ts`, in its own process so the pre-labeling
 * process's memory is measured alone: one project (id 1) of `<tasks>` SpamAssassin texts
 * (cycled). Prints `{"url", "key"}` on one line, then serves until stdin closes.
 */
import { fakeLabelStudio } from '@lsml/testing';
import { loadSpamAssassin } from '../packages/cli/test/helpers/spam-export.js';

const tasks = Number(process.argv[2] ?? '5000');
const config = process.argv[3] ?? '';
const texts = loadSpamAssassin().map((m) => m.text);
const ls = await fakeLabelStudio({
  projects: [
    {
      id: 1,
      title: 'bench',
      labelConfig: config,
      tasks,
      data: (i) => ({ text: texts[i % texts.length] }),
    },
  ],
});
process.stdout.write(`${JSON.stringify({ url: ls.url, key: ls.tokens.legacy })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void ls.close().then(() => process.exit(0));
});
