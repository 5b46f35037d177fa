// The production training worker: takes the jobs API replicas queue on Redis (REDIS_URL), keeps
// the accepted responses, and publishes new versions to the shared model store (MODEL_DIR).
import { runWorker } from '@lsml/core';
import { gpt2Chat } from './model.js';

// `fit` only collects accepted responses: the worker leaves out `init`, which loads the
// language model (hundreds of MB) that only predictions need.
await runWorker({ ...gpt2Chat, init: undefined });
