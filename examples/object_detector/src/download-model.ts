import { createLogger } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { objectDetector } from './model.js';

// Fetches the model into LSML_CACHE_DIR and exits: for Docker builds and volume warm-up.
await exitOnModelError(() => objectDetector.detector.load(), createLogger());
