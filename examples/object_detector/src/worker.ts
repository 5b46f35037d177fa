import { runWorker } from '@lsml/core';
import { objectDetector } from './model.js';

// object_detector has no `fit`: its training jobs end as "skipped" and the model is never
// loaded here. The worker keeps the production layout the same for every example, and gives a
// fine-tuning `fit` a place to run.
await runWorker(objectDetector.backend);
