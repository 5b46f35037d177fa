import { createLogger, serve } from '@lsml/core';
import { exitOnModelError } from '@lsml/transformers';
import { gpt2Chat } from './model.js';

const log = createLogger();
// Load before listening: a wrong MODEL_ID or a missing offline model stops here, in one line.
await exitOnModelError(() => gpt2Chat.loadModel(log), log);
await serve(gpt2Chat, { logger: log });
