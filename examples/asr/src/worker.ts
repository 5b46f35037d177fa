import { runWorker } from '@lsml/core';
import { asr } from './model.js';

// asr has no `fit`: training jobs end as "skipped". The worker is here so that the production
// layout is the same for every example (and a future fine-tuning fit has a place to run).
await runWorker(asr);
