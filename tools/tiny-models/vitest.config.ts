import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('tiny-models', { testTimeout: 120_000 });
