import { lsmlProject } from '../../vitest.shared.js';

export default lsmlProject('text');
