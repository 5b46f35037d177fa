export * from './errors/index.js';
export * from './label-config/index.js';
export * from './predictions/index.js';
export type * from './model/types.js';
export { toProjectId } from './model/project-id.js';
export {
  defineBackend,
  type Backend,
  type DataReader,
  type FitContext,
  type FitResult,
  type InteractiveContext,
  type PredictContext,
  type SetupContext,
} from './model/backend.js';
export type { ProjectState } from './model/project-state.js';
export { predictEachTask, namingTask, type EachTaskOptions } from './model/predict-each-task.js';
export { BackendRuntime, type TrainingOutcome } from './model/backend-runtime.js';
export * from './server/index.js';
export * from './store/index.js';
export * from './data/index.js';
export * from './training/index.js';
export { createLogger, LOG_LEVELS, type Logger } from './observability/logger.js';
export { Metrics } from './observability/metrics.js';
