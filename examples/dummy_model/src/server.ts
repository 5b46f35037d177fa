import { serve } from '@lsml/core';
import { dummy } from './model.js';

await serve(dummy);
