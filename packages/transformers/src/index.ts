export { configureTransformers, sessionOptions } from './configure-transformers.js';
export { decodeImage } from './decode-image.js';
export {
  InferenceQueue,
  inferenceTotals,
  type InferenceQueueOptions,
  type InferenceStats,
} from './inference-queue.js';
export { loadPipeline } from './load-pipeline.js';
export { mapLimited } from './map-limited.js';
export { readEachTask } from './read-each-task.js';
export { isModelPath, modelSettingsFromEnv, type ModelSettings } from './model-settings.js';
export { formatBytes, progressLogger } from './progress-log.js';
export { resolveModelSource, type ModelSource } from './resolve-model-source.js';
export {
  decodeTaskImage,
  readTaskBytes,
  readTaskImage,
  readTaskImages,
  type TaskImage,
} from './task-image.js';
