export {
  BBOX_CONFIG,
  labelStudioRequests,
  lsTask,
  NER_CONFIG,
  SENTIMENT_CONFIG,
  type LabelStudioRequest,
} from './label-studio-requests.js';
export { predictResponseProblems } from './check-response.js';
export {
  serveInProcess,
  type InProcessResponse,
  type InProcessService,
} from './serve-in-process.js';
export * from './fake-label-studio/index.js';
