import type { LsmlConfig } from '../config/index.js';
import type { DataReader } from '../contract/backend.js';
import type { Logger } from '../observability/logger.js';
import type { BackendRuntime } from '../runtime/index.js';
import type { Trainer } from '../training/index.js';

/**
 * How `createService` wires a backend: any config field (see {@link LsmlConfig}; the rest take
 * their defaults, never the environment: `serve` reads that), plus parts a program may stand in.
 *
 * @example
 * const { app } = createService(myBackend, { modelDir: '/tmp/models', validation: 'lenient' });
 */
export interface ServiceOptions extends Partial<LsmlConfig> {
  /** Default: a JSON logger on stdout at `logLevel`. */
  logger?: Logger | undefined;
  /** Reads task data (URLs, uploads, data URIs). Default: the task data resolver. */
  readData?: DataReader | undefined;
  /** Builds the trainer. Default: inline in dev mode, the queue trainer in production. */
  trainer?: ((runtime: BackendRuntime<unknown>) => Trainer) | undefined;
}
