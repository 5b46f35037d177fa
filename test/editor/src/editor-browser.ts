import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  editorObjectsReady,
  inspectEditor,
  mountEditor,
  type EditorSnapshot,
  type EditorTask,
} from './in-page.js';
import { recordTestVideo } from './in-page-video.js';

/** Headless, offline, no profile state: the flags the project runs Chromium with. */
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

// Guards, not measurements: a healthy mount takes about a second; these only turn a hang into
// a failure that still saves a screenshot.
const MOUNT_GUARD_MS = 30_000;
const READY_GUARD_MS = 30_000;

/** The editor with one task loaded, and everything the page reported while loading it. */
export interface OpenedEditor {
  /** The editor's state; undefined when it did not mount or load (the reason is in `errors`). */
  snapshot: EditorSnapshot | undefined;
  /** Console errors, uncaught page errors and failed requests, in order. */
  errors: string[];
  screenshot: (path: string) => Promise<void>;
  close: () => Promise<void>;
}

/** One Chromium for the run; each case gets a fresh page on the editor's static server. */
export class EditorBrowser {
  private constructor(
    private readonly browser: BrowserContext,
    private readonly origin: string,
    private readonly profile: string,
  ) {}

  static async launch(executablePath: string, origin: string): Promise<EditorBrowser> {
    const profile = await mkdtemp(join(tmpdir(), 'editor-chromium-'));
    // A persistent context on a fresh profile: Playwright passes it as --user-data-dir.
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    return new EditorBrowser(browser, origin, profile);
  }

  private async newPage(errors: string[]): Promise<Page> {
    const page = await this.browser.newPage();
    // TypeScript transforms that keep function names call a `__name` helper inside the
    // functions handed to page.evaluate; the page has no such helper.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) =>
      errors.push(`request failed: ${request.url().slice(0, 120)} ${request.failure()?.errorText}`),
    );
    await page.goto(`${this.origin}/`);
    return page;
  }

  /** A WebM recorded by the browser, for Video tasks. */
  async recordVideo(): Promise<string> {
    const page = await this.newPage([]);
    try {
      return await page.evaluate(recordTestVideo);
    } finally {
      await page.close();
    }
  }

  /**
   * Opens the editor on `task` (its prediction included), waits until every object has its
   * data, and reads the editor's state. The page stays open until `close()`.
   */
  async open(config: string, task: EditorTask): Promise<OpenedEditor> {
    const errors: string[] = [];
    const page = await this.newPage(errors);
    let snapshot: EditorSnapshot | undefined;
    try {
      await guarded(page.evaluate(mountEditor, { config, task }), MOUNT_GUARD_MS, 'mount');
      await page.waitForFunction(editorObjectsReady, undefined, { timeout: READY_GUARD_MS });
      snapshot = await page.evaluate(inspectEditor);
    } catch (error) {
      errors.push(`editor: ${error instanceof Error ? error.message : String(error)}`);
    }
    return {
      snapshot,
      errors,
      screenshot: async (path) => {
        await page.screenshot({ path, fullPage: true });
      },
      close: async () => {
        await page.close();
      },
    };
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.profile, { recursive: true, force: true });
  }
}

/** `promise`, or an error naming `what` when it does not settle in time. */
async function guarded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the editor's ${what} did not finish in ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
