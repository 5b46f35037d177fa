import { serve } from '@lsml/core';
import { simpleTextClassifier } from './model.js';

await serve(simpleTextClassifier);
