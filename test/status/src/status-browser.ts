import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Headless, offline, no profile state: the flags the project runs Chromium with (see test/editor). */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** One Chromium; pages record every console error, page error and failed request. */
export class StatusBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  static async launch(executablePath: string): Promise<StatusBrowser> {
    const profile = await mkdtemp(join(tmpdir(), 'status-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    return new StatusBrowser(context, profile);
  }

  async open(url: string): Promise<{ page: Page; errors: string[] }> {
    const errors: string[] = [];
    const page = await this.context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      errors.push(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    await page.goto(url);
    return { page, errors };
  }

  async close(): Promise<void> {
    await this.context.close();
    await rm(this.profile, { recursive: true, force: true });
  }
}
