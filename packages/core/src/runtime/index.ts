export {
  BackendRuntime,
  type PredictAnswer,
  type PredictRequest,
  type RuntimeParts,
  type SharedRedis,
} from './backend-runtime.js';
export { createRuntime, type RuntimeSetup } from './create-runtime.js';
export type { TrainingHooks, TrainingOutcome } from './run-fit.js';
export { predictEachTask, namingTask, type EachTaskOptions } from './predict-each-task.js';
export { ProjectModels, type LiveModel } from './project-models.js';
export { AcceptanceTracker, type AcceptanceTrackerOptions } from './acceptance-tracker.js';
export { RecordingBudget } from './recording-budget.js';
export {
  healthChecker,
  startHeartbeat,
  workerId,
  HEARTBEAT_EVERY_MS,
  WORKER_ALIVE_MS,
  type DependencyCheck,
  type HealthReport,
  type HealthOptions,
} from './health.js';
