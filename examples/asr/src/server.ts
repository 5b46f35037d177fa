import { createLogger, serve } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { asr } from './model.js';

const log = createLogger();
// Load before listening: a wrong MODEL_ID or a missing offline model stops here, in one line.
await exitOnModelError(() => asr.loadModel(log), log);
await serve(asr, { logger: log });
