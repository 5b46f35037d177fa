import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('object_detector', { testTimeout: 120_000 });
