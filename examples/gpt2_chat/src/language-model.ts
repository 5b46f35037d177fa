import type { Logger } from '@lsml/core';
import { loadPipeline, type ModelSettings } from '@lsml/transformers';
import type { LanguageModel } from './generation/generate-responses.js';
import { stopTokensOf } from './generation/stop-tokens.js';
import type { TokenCounter } from './prompt/build-prompt.js';

/** Loads the causal LM once per process (shared with every request) through @lsml/transformers. */
export async function loadLanguageModel(
  settings: ModelSettings,
  log: Logger,
): Promise<LanguageModel> {
  const generator = await loadPipeline('text-generation', settings, log);
  const lm = { model: generator.model, tokenizer: generator.tokenizer };
  // Scanning the vocabulary for line breaks takes a moment on a 50k-token model: do it at load,
  // not in the first request.
  stopTokensOf(lm);
  return lm;
}

/** The model's context length in tokens (GPT-2: `n_positions`, 1024). */
export function contextLength({ model, tokenizer }: LanguageModel): number {
  const config = model.config as unknown as Record<string, unknown>;
  for (const key of ['n_positions', 'max_position_embeddings', 'n_ctx']) {
    const value = config[key];
    if (typeof value === 'number' && value > 0) return value;
  }
  const fromTokenizer = (tokenizer as unknown as { model_max_length?: unknown }).model_max_length;
  return typeof fromTokenizer === 'number' && fromTokenizer < 1e9 ? fromTokenizer : 1024;
}

/** Token counting with the model's own tokenizer. */
export function tokenCounter({ tokenizer }: LanguageModel): TokenCounter {
  const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false });
  return {
    count: (text) => encode(text).length,
    tail: (text, tokens) => tokenizer.decode(encode(text).slice(-tokens)),
  };
}
