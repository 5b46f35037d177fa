import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@lsml/core';
import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGate } from '../src/gate.js';
import { CONFIG, gatedBackend } from '../src/gated-backend.js';
import { start, stopAll } from '../src/processes.js';
import { StatusBrowser } from '../src/status-browser.js';

const chromiumPath = inject('chromiumPath');
const redisUrl = inject('redisUrl');
const IMAGES = fileURLToPath(new URL('../../../docs/images/', import.meta.url));

let browser: StatusBrowser | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
beforeAll(async () => {
  if (chromiumPath) browser = await StatusBrowser.launch(chromiumPath);
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const task = (id: number) => ({ id, data: { text: `text ${id}` } });
const choice = (c: string) => [
  { from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: [c] } },
];

async function annotate(base: string, id: number, result: unknown[]): Promise<void> {
  const res = await post(`${base}/webhook`, {
    action: 'ANNOTATION_CREATED',
    project: { id: 1, label_config: CONFIG },
    task: task(id),
    annotation: { id: 100 + id, result },
  });
  expect(res.status).toBe(201);
}

/**
 * What both modes must show, without a reload: a job running at 50% while its fit waits on
 * the gate, the versions it makes, the acceptance the annotations imply; then a rollback.
 */
async function watchTrainingOnThePage(
  base: string,
  gate: Awaited<ReturnType<typeof startGate>>,
  screenshots: boolean,
): Promise<void> {
  expect((await post(`${base}/setup`, { project: '1.1700000000', schema: CONFIG })).status).toBe(
    200,
  );
  // Predictions for tasks 1-4 (gated-v0 answers "Positive" to each): recorded for acceptance.
  const predicted = await post(`${base}/predict`, {
    project: '1.1700000000',
    label_config: CONFIG,
    tasks: [1, 2, 3, 4].map(task),
  });
  expect(predicted.status).toBe(200);

  const { page, errors } = await browser!.open(`${base}/`);
  await page.locator('[data-project="1"] [data-current-version="gated-v0"]').waitFor();
  // Production: the worker's heartbeat is what makes training possible.
  await page.locator('dl[data-can-train="true"]').waitFor();
  // Set once on this document: still there at the end means no reload happened.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));

  // Kept, then training starts and waits at the gate halfway.
  await annotate(base, 1, choice('Positive'));
  await gate.reached(1);
  await page.locator('tr[data-state="active"] [data-progress="50"]').waitFor();
  // Kept, edited, removed: they join one follow-up run.
  await annotate(base, 2, choice('Positive'));
  await annotate(base, 3, choice('Negative'));
  await annotate(base, 4, []);
  gate.open();
  await page.locator('[data-project="1"] [data-current-version="gated-v2"]').waitFor();
  await page.locator('[data-versions="1"] tr[data-version="gated-v1"]').waitFor();
  await page.locator('tr[data-state="completed"]').first().waitFor();

  // 2 kept, 1 edited, 1 removed of 4 predicted regions: 50% accepted, all under "Positive".
  await page.locator('svg[data-chart="1"] g[data-version="gated-v0"] [data-rate="0.5"]').waitFor();
  const row = page.locator('table[data-labels="1:gated-v0"] tr[data-label="Positive"]');
  await row.waitFor();
  expect(await row.locator('td').allTextContents()).toEqual(['2', '1', '1', '0', '50%']);
  expect(
    await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
  ).toBe(true);

  if (screenshots) await checkWidths(page);

  // Declining the confirmation changes nothing; accepting it (keyboard only) rolls back.
  const button = page.getByRole('button', { name: 'Roll back to gated-v1' });
  page.once('dialog', (dialog) => void dialog.dismiss());
  await button.click();
  expect(await currentVersion(base)).toBe('gated-v2');
  page.once('dialog', (dialog) => void dialog.accept());
  await button.focus();
  await Promise.all([page.waitForURL(`${base}/`), page.keyboard.press('Enter')]);
  await page.locator('[data-project="1"] [data-current-version="gated-v1"]').waitFor();
  expect(await currentVersion(base)).toBe('gated-v1');

  expect(errors).toEqual([]);
  await page.close();
}

async function currentVersion(base: string): Promise<string | undefined> {
  const body = (await (await fetch(`${base}/versions?project=1`)).json()) as {
    projects: Record<string, { current: string }>;
  };
  return body.projects['1']?.current;
}

/**
 * Desktop and narrow widths: nothing wider than a narrow window (tables stack or scroll inside
 * their own box). `LSML_UPDATE_SCREENSHOTS=1` saves both to docs/images for the docs.
 */
async function checkWidths(page: Page): Promise<void> {
  const save = process.env.LSML_UPDATE_SCREENSHOTS === '1';
  if (save) mkdirSync(IMAGES, { recursive: true });
  for (const [name, width, height] of [
    ['desktop', 1280, 900],
    ['narrow', 390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    if (save)
      await page.screenshot({ path: join(IMAGES, `status-page-${name}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe.skipIf(!chromiumPath)('the status page in Chromium', () => {
  it('dev mode: follows a training, shows acceptance, rolls back', async () => {
    const gate = await startGate();
    cleanups.push(() => gate.close());
    const modelDir = mkdtempSync(join(tmpdir(), 'lsml-status-dev-'));
    cleanups.push(() => {
      rmSync(modelDir, { recursive: true, force: true });
    });
    process.env.STATUS_GATE_URL = gate.url;
    cleanups.push(() => {
      delete process.env.STATUS_GATE_URL;
    });
    const running = await serve(gatedBackend, {
      port: 0,
      host: '127.0.0.1',
      mode: 'dev',
      modelDir,
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    });
    cleanups.push(() => running.shutdown());
    await watchTrainingOnThePage(`http://127.0.0.1:${running.port}`, gate, true);
  });

  it.skipIf(!redisUrl)('production mode: API and worker processes on Redis', async () => {
    const gate = await startGate();
    cleanups.push(() => gate.close());
    const modelDir = mkdtempSync(join(tmpdir(), 'lsml-status-prod-'));
    const prefix = `lsml-test-${randomBytes(5).toString('hex')}`;
    cleanups.push(async () => {
      rmSync(modelDir, { recursive: true, force: true });
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });
    cleanups.push(stopAll);
    const env = {
      LSML_MODE: 'production',
      REDIS_URL: redisUrl,
      LSML_QUEUE_PREFIX: prefix,
      MODEL_DIR: modelDir,
      STATUS_GATE_URL: gate.url,
    };
    const worker = start('./worker-process.ts', env, /worker ready/);
    const api = start('./api-process.ts', env, /"port"/);
    const { port } = JSON.parse(await api.ready) as { port: number };
    await worker.ready;
    await watchTrainingOnThePage(`http://127.0.0.1:${port}`, gate, false);
  });
});
