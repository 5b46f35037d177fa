// The production training worker: takes the jobs that API replicas in production mode
// (LSML_MODE=production) queue on Redis (REDIS_URL), trains, and publishes new versions to the
// shared model store (MODEL_DIR). Concurrency: LSML_WORKER_CONCURRENCY (or WORKERS), default 1.
import { runWorker } from '@lsml/core';
import { simpleTextClassifier } from './model.js';

await runWorker(simpleTextClassifier);
