// The production training worker (LSML_MODE=production): takes fit jobs from Redis, embeds the
// annotated images (the model loads before the first job) and publishes each trained head.
import { runWorker } from '@lsml/core';
import { imageClassifier } from './model.js';

await runWorker(imageClassifier);
