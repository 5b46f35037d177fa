export { configFromEnv } from './env-config.js';
export { parseByteSize } from './env-values.js';
export { resolveConfig, type LsmlConfig, type TaskDataSettings } from './lsml-config.js';
