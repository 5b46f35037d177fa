import { runWorker } from '@lsml/core';
import { gpt2Chat } from './model.js';

// `fit` only collects accepted responses, so the worker never loads the language model.
await runWorker(gpt2Chat);
