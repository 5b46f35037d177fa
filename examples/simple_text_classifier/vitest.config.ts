import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('simple_text_classifier');
