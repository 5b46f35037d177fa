import { serve } from '@lsml/core';
import { asr } from './model.js';

await serve(asr);
