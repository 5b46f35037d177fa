import { serve } from '@lsml/core';
import { gpt2Chat } from './model.js';

await serve(gpt2Chat);
