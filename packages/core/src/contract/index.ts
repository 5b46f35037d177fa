export type * from './types.js';
export type { ArtifactReader, ArtifactWriter } from './artifacts.js';
export type { LabelStudioApi } from './label-studio-api.js';
export type { ProjectState } from './project-state.js';
export {
  defineBackend,
  type Backend,
  type DataReader,
  type FitContext,
  type FitResult,
  type InitContext,
  type InteractiveContext,
  type PredictContext,
  type SetupContext,
} from './backend.js';
export { isSafeProjectId, requestProjectId, toProjectId } from './project-id.js';
export { latestAnnotation } from './latest-annotation.js';
export { trainingSetWithLabelStudio } from './label-studio-training-set.js';
