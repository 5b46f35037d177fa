// object_detector has no `fit`: its training jobs end as "skipped". The worker keeps the
// production layout the same for every example, and gives a fine-tuning `fit` a place to run.
import { runWorker } from '@lsml/core';
import { objectDetector } from './model.js';

await runWorker(objectDetector);
