import type { LsmlConfig } from '../config/index.js';
import type { BackendRuntime } from '../runtime/index.js';
import type { Trainer } from '../training/index.js';

/** What every route handler may use. */
export interface RouteDeps {
  runtime: BackendRuntime<unknown>;
  trainer: Trainer;
  config: LsmlConfig;
}
