import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendSession, PredictionJson } from './backend-session.js';
import type { EditorBrowser } from './editor-browser.js';
import { editorProblems } from './editor-problems.js';
import type { EditorCase } from './example-glue.js';
import type { Media } from './media.js';

export interface CaseContext {
  browser: EditorBrowser;
  media: Media;
  /** Where a failing case leaves its screenshot. */
  screenshotDir: string;
}

/**
 * Opens the editor on `task` with `prediction`, as Label Studio does for a task that has a
 * prediction and no annotation, and lists every way the prediction fails to reach the user
 * intact. With problems, it also saves a screenshot of the page.
 */
export async function judgeInEditor(
  ctx: CaseContext,
  name: string,
  config: string,
  task: { id: number; data: Record<string, unknown> },
  prediction: PredictionJson,
): Promise<{ problems: string[]; screenshot?: string }> {
  const editor = await ctx.browser.open(config, {
    ...task,
    annotations: [],
    predictions: [{ id: task.id, ...prediction }],
  });
  try {
    const problems = [
      ...(prediction.result.length === 0 ? ['the backend answered an empty result'] : []),
      ...editor.errors,
      ...(editor.snapshot ? editorProblems(prediction.result, editor.snapshot) : []),
    ];
    if (problems.length === 0) return { problems };
    await mkdir(ctx.screenshotDir, { recursive: true });
    const screenshot = join(ctx.screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await editor.screenshot(screenshot);
    return { problems, screenshot };
  } finally {
    await editor.close();
  }
}

/**
 * One case, as Label Studio runs it: the backend is set up (and trained through /webhook) for
 * a fresh project, predicts one task, and the editor opens that task with the prediction.
 * Throws with every problem found.
 */
export async function runCase(
  ctx: CaseContext & { session: BackendSession },
  kase: EditorCase,
  project: number,
  name: string,
): Promise<void> {
  const { xml, data } = kase.config;
  await ctx.session.prepare(project, xml, (await kase.train?.()) ?? []);
  const task = { id: project, data: data(ctx.media) };
  const prediction = await ctx.session.predict(project, xml, task);
  const { problems, screenshot } = await judgeInEditor(ctx, name, xml, task, prediction);
  if (problems.length > 0) {
    throw new Error(
      [
        ...problems.map((p) => `- ${p}`),
        `prediction: ${JSON.stringify(prediction).slice(0, 600)}`,
        `screenshot: ${String(screenshot)}`,
      ].join('\n'),
    );
  }
}
