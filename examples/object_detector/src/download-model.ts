// Fetches the model into LSML_CACHE_DIR and exits: for Docker builds (PRELOAD_MODEL=1) and volume
// warm-up. It runs the backend's init, as the server does before it listens.
import { createLogger } from '@lsml/core';
import { objectDetector } from './model.js';

await objectDetector.init?.({ log: createLogger(), signal: new AbortController().signal });
