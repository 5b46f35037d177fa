// The production worker. asr has no `fit`: training jobs end as "skipped". It is here so that
// the production layout is the same for every example (and a future fine-tuning fit has a
// place to run); it leaves out `init`, which loads a speech model it would never use.
import { runWorker } from '@lsml/core';
import { asr } from './model.js';

await runWorker({ ...asr, init: undefined });
