import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('cli', { testTimeout: 180_000 });
