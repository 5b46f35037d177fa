import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('testing', { testTimeout: 180_000 });
