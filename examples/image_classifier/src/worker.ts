import { createLogger, runWorker } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { imageClassifier } from './model.js';

// Production training worker (LSML_MODE=production): takes fit jobs from Redis. Training embeds
// images, so the model is loaded before the first job, with the same clear error if it is missing.
await exitOnModelError(() => imageClassifier.embedder.load(), createLogger());
await runWorker(imageClassifier.backend);
