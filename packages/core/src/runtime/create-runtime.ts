import type { Backend, DataReader } from '../contract/backend.js';
import type { LsmlConfig } from '../config/index.js';
import { createDataAccess } from '../data/index.js';
import type { Logger } from '../observability/logger.js';
import { Metrics } from '../observability/metrics.js';
import { throttledWarn } from '../observability/throttled-log.js';
import {
  connectRedis,
  describeRedis,
  FilePredictionLog,
  fileStores,
  ModelStore,
  queueKeys,
  RedisPredictionLog,
  redisStores,
  type ConnectionRole,
} from '../store/index.js';
import { AcceptanceTracker } from './acceptance-tracker.js';
import { RecordingBudget } from './recording-budget.js';
import { BackendRuntime, type SharedRedis } from './backend-runtime.js';

/** What a process adds to the config when it builds its runtime. */
export interface RuntimeSetup {
  log: Logger;
  metrics?: Metrics;
  /** Stands in for the task data resolver (tests, custom storage). */
  readData?: DataReader | undefined;
  /**
   * Production only: `api` connections fail fast while Redis is down (a webhook answers 503
   * within Label Studio's 1 s); `worker` connections wait for it, as BullMQ needs.
   */
  role?: Extract<ConnectionRole, 'api' | 'worker'>;
}

/**
 * The runtime of one process, with its stores chosen once, here, by mode: files beside the
 * models in dev mode; Redis (shared by every replica and worker) in production.
 *
 * @example
 * const runtime = createRuntime(myBackend, resolveConfig({ modelDir: '/tmp/models' }), { log });
 * const { results } = await runtime.predict('1', tasks, { labelConfig });
 */
export function createRuntime<M>(
  backend: Backend<M>,
  config: LsmlConfig,
  setup: RuntimeSetup,
): BackendRuntime<M> {
  const store = new ModelStore(config.modelDir, backend.name, {
    keepVersions: config.keepVersions,
  });
  const data = createDataAccess(config.modelDir, config.taskData);
  const redis = config.mode === 'production' ? sharedRedis(backend, config, setup) : undefined;
  const metrics = setup.metrics ?? new Metrics();
  const bounds = config.predictionLog;
  const predictionLog =
    bounds.maxEntries === 0
      ? undefined
      : redis
        ? new RedisPredictionLog(redis.connection, redis.keys, redis.where, bounds)
        : new FilePredictionLog((project) => store.projectDir(project), bounds, setup.log);
  return new BackendRuntime(backend, {
    log: setup.log,
    metrics,
    acceptance:
      predictionLog &&
      new AcceptanceTracker(predictionLog, metrics, setup.log, {
        budget: new RecordingBudget(config.predictionLogBudget),
      }),
    store,
    stores: redis
      ? redisStores(redis.connection, redis.keys, redis.where)
      : fileStores(store, setup.log),
    data,
    readData: setup.readData ?? data.readData,
    validation: config.validation,
    redis,
  });
}

function sharedRedis<M>(backend: Backend<M>, config: LsmlConfig, setup: RuntimeSetup): SharedRedis {
  const where = describeRedis(config.redis);
  const connection = connectRedis(config.redis, setup.role ?? 'api');
  connection.on('error', throttledWarn(setup.log, `Redis at ${where} is unreachable`));
  return {
    connection,
    location: config.redis,
    keys: queueKeys(backend.name, { prefix: config.queuePrefix }),
    where,
  };
}
