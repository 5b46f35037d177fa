import { lsmlProject } from '../../vitest.shared.js';

/**
 * Every example's /predict answer loaded into Label Studio's editor in headless Chromium.
 * One file, so one browser serves the whole run.
 */
export default lsmlProject('editor', {
  globalSetup: ['./src/browser-global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
