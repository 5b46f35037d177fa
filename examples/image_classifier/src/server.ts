import { createLogger, serve } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { imageClassifier } from './model.js';

// Load (or download) the embedding model before listening: a missing model stops the start
// with a message that says what to set.
await exitOnModelError(() => imageClassifier.embedder.load(), createLogger());
await serve(imageClassifier.backend);
