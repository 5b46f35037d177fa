import type { BackendRuntime } from '../model/backend-runtime.js';
import type { Metrics } from '../observability/metrics.js';
import type { Trainer } from '../training/index.js';
import type { AppOptions } from './options.js';

/** What every route handler may use. */
export interface RouteDeps {
  runtime: BackendRuntime<unknown>;
  trainer: Trainer;
  metrics: Metrics;
  options: Required<Pick<AppOptions, 'validation' | 'trainEvery' | 'mode'>> & AppOptions;
  /** Called when /setup brings Label Studio's URL and token (the task data resolver listens). */
  onLabelStudio: (connection: { url?: string | undefined; token?: string | undefined }) => void;
}
