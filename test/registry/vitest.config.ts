import { lsmlProject } from '../../vitest.shared.js';

/**
 * Every public @lsml package published to a local Verdaccio and used from outside the
 * repository with only Node and npm. Needs the packages built (`pnpm build`) and the npm
 * registry (for everything but @lsml); runs in CI like every other suite.
 */
export default lsmlProject('registry', {
  testTimeout: 300_000,
  hookTimeout: 300_000,
});
