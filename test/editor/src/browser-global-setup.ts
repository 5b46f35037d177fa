// Global setup of the `editor` vitest project. The editor build must be installed (a missing
// one is a failure). Without Chromium the suite is skipped with a loud notice, as the Redis
// suite is without Redis, unless LSML_REQUIRE_BROWSER=1 (CI), where it fails.
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { editorBuildDir } from './static-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Chromium the suite drives, or '' when there is none. */
    chromiumPath: string;
  }
}

const INSTALL = 'apt-get update && apt-get install -y chromium';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export default function setup(project: TestProject): void {
  const bundle = join(editorBuildDir(), 'js', 'main.js');
  if (!existsSync(bundle)) {
    throw new Error(
      `Label Studio's editor build is missing (${bundle}): run pnpm install --frozen-lockfile`,
    );
  }
  const chromium = process.env.LSML_CHROMIUM || '/usr/bin/chromium';
  if (executable(chromium)) {
    project.provide('chromiumPath', chromium);
    return;
  }
  if (process.env.LSML_REQUIRE_BROWSER === '1') {
    throw new Error(`LSML_REQUIRE_BROWSER=1 but there is no Chromium at ${chromium}: ${INSTALL}`);
  }
  console.warn(
    [
      '',
      '#'.repeat(78),
      `#  EDITOR SUITE SKIPPED: no Chromium at ${chromium}`,
      "#  No prediction was checked in Label Studio's editor.",
      `#  Install it: ${INSTALL}`,
      '#  (or point LSML_CHROMIUM at one; LSML_REQUIRE_BROWSER=1 turns this into a failure, as in CI.)',
      '#'.repeat(78),
      '',
    ].join('\n'),
  );
  project.provide('chromiumPath', '');
}
