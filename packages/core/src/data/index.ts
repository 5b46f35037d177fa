export { TASK_DATA_DEFAULTS, type TaskDataOptions } from './options.js';
export {
  createTaskDataResolver,
  isCloudStorageUri,
  TaskDataResolver,
  type ResolvedData,
} from './task-data-resolver.js';
export { LabelStudioClient } from './label-studio-client.js';
export { DiskCache, type CachedFile } from './disk-cache.js';
export { decodeDataUri } from './data-uri.js';
export { isPrivateAddress } from './address-policy.js';
export { describeUrl } from './describe-url.js';
export { createDataAccess, type DataAccess } from './data-access.js';
export { bindTaskIds } from './task-bound-reader.js';
