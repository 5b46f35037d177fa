// Global setup of the `status` vitest project: without Chromium the suite is skipped with a
// loud notice unless LSML_REQUIRE_BROWSER=1 (CI). Redis is core's global setup (the production
// case is skipped without it unless LSML_REQUIRE_REDIS=1).
import { accessSync, constants } from 'node:fs';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the suite drives, or '' when there is none. */
    chromiumPath: string;
    /** Provided by core's Redis global setup: '' when no Redis answers. */
    redisUrl: string;
  }
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const banner = (lines: string[]) => {
  console.warn(['', '#'.repeat(78), ...lines.map((l) => `#  ${l}`), '#'.repeat(78), ''].join('\n'));
};

export default function setup(project: TestProject): void {
  const chromium = process.env.LSML_CHROMIUM || '/usr/bin/chromium';
  if (executable(chromium)) {
    project.provide('chromiumPath', chromium);
    return;
  }
  if (process.env.LSML_REQUIRE_BROWSER === '1')
    throw new Error(
      `LSML_REQUIRE_BROWSER=1 but there is no Chromium at ${chromium}: apt-get install -y chromium`,
    );
  banner([
    `STATUS PAGE SUITE SKIPPED: no Chromium at ${chromium}`,
    'Install it: apt-get update && apt-get install -y chromium',
  ]);
  project.provide('chromiumPath', '');
}
