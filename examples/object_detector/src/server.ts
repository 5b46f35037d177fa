import { createLogger, serve } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { objectDetector } from './model.js';

// Load (or download) the model before listening: a missing model stops the start with a
// message that says what to set, and Label Studio never sees a backend that cannot predict.
await exitOnModelError(() => objectDetector.detector.load(), createLogger());
await serve(objectDetector.backend);
