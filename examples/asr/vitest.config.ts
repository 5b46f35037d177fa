import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('asr', { testTimeout: 120_000 });
