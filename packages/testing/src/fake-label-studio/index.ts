export { fakeLabelStudio, type FakeLabelStudio } from './fake-label-studio.js';
export type { FakeLabelStudioOptions } from './fake-state.js';
export type {
  FakeMlBackend,
  FakePrediction,
  FakeProject,
  FakeProjectOptions,
  FakeTaskSpec,
  FakeWebhook,
} from './fake-project.js';
export type { FakeTokens, TokenOptions } from './fake-tokens.js';
export type { FaultOptions, FaultPlan } from './faults.js';
export { fakeServer, type FakeServer, type Handler, type Seen } from './recording-server.js';
export { IMAGE_BYTES } from './routes/file-routes.js';
