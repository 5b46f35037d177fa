import { createLogger } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { imageClassifier } from './model.js';

// Fetches the embedding model into LSML_CACHE_DIR and exits: for Docker builds and volume warm-up.
await exitOnModelError(() => imageClassifier.embedder.load(), createLogger());
