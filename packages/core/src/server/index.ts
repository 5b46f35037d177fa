export { createApp, createService, type LsmlService } from './create-app.js';
export { serve, type RunningServer, type ServeOptions } from './serve.js';
export type { ServiceOptions } from './service-options.js';
export type { LsmlEnv } from './env.js';
