import { serve } from '@lsml/core';
import { imageClassifier } from './model.js';

await serve(imageClassifier);
