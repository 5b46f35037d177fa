import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('gpt2_chat', { testTimeout: 120_000 });
