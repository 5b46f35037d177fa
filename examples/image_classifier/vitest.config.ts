import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('image_classifier', { testTimeout: 120_000 });
