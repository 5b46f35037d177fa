import { serve } from '@lsml/core';
import { objectDetector } from './model.js';

await serve(objectDetector);
