import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('transformers', { testTimeout: 60_000 });
