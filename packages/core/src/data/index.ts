export { TASK_DATA_DEFAULTS, type TaskDataOptions } from './options.js';
export {
  createTaskDataResolver,
  isCloudStorageUri,
  TaskDataResolver,
  type ResolvedData,
  type ResolverHooks,
} from './task-data-resolver.js';
export { LabelStudioClient } from './label-studio-client.js';
export type {
  LabelStudioProject,
  LabelStudioVersion,
  MlBackendInfo,
  PredictionImport,
  TaskPage,
  WebhookInfo,
} from './label-studio-types.js';
export { LabelStudioAuth } from './label-studio-auth.js';
export { jwtClaims, readToken, type TokenFacts, type TokenKind } from './token-kind.js';
export { RETRY_DEFAULTS, type RetryPolicy } from './retry-policy.js';
export { upstreamStatus } from './status-error.js';
export { DiskCache, type CachedFile } from './disk-cache.js';
export { decodeDataUri } from './data-uri.js';
export { isPrivateAddress } from './address-policy.js';
export { describeUrl } from './describe-url.js';
export { createDataAccess, type DataAccess } from './data-access.js';
export { bindTaskIds } from './task-bound-reader.js';
