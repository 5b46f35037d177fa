import { LsmlError, type Logger } from '@lsml/core';
import { InferenceQueue, loadPipeline, type ModelSettings } from '@lsml/transformers';
import type { ChatSettings } from './chat-settings.js';
import {
  generateResponses,
  type Candidate,
  type GenerationRequest,
  type LanguageModel,
} from './generation/generate-responses.js';
import { stopTokensOf } from './generation/stop-tokens.js';
import type { TokenCounter } from './prompt/build-prompt.js';

/** The loaded model, ready to write candidates: what every request of the process shares. */
export interface ChatModel {
  chat: ChatSettings;
  tokens: TokenCounter;
  /** Most prompt tokens: the context (or CONTEXT_TOKENS) minus MAX_NEW_TOKENS. */
  promptBudget: number;
  generate(request: GenerationRequest, signal: AbortSignal): Promise<Candidate[]>;
}

/** The model's context length in tokens (GPT-2: `n_positions`, 1024). */
function contextLength({ model, tokenizer }: LanguageModel): number {
  const config = model.config as unknown as Record<string, unknown>;
  for (const key of ['n_positions', 'max_position_embeddings', 'n_ctx']) {
    const value = config[key];
    if (typeof value === 'number' && value > 0) return value;
  }
  const fromTokenizer = (tokenizer as unknown as { model_max_length?: unknown }).model_max_length;
  return typeof fromTokenizer === 'number' && fromTokenizer < 1e9 ? fromTokenizer : 1024;
}

/** Token counting with the model's own tokenizer. */
function tokenCounter({ tokenizer }: LanguageModel): TokenCounter {
  const encode = (text: string) => tokenizer.encode(text, { add_special_tokens: false });
  return {
    count: (text) => encode(text).length,
    tail: (text, tokens) => tokenizer.decode(encode(text).slice(-tokens)),
  };
}

/**
 * Loads the causal LM (through @lsml/transformers) and checks that the settings leave room for
 * a prompt, so a wrong MODEL_ID or MAX_NEW_TOKENS stops the process at start, in one line.
 */
export async function loadChatModel(
  settings: ModelSettings,
  chat: ChatSettings,
  log: Logger,
): Promise<ChatModel> {
  const generator = await loadPipeline('text-generation', settings, log);
  const lm = { model: generator.model, tokenizer: generator.tokenizer };
  const context = contextLength(lm);
  const promptBudget = Math.min(chat.contextTokens ?? Infinity, context) - chat.maxNewTokens;
  if (promptBudget < 8) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `MAX_NEW_TOKENS=${chat.maxNewTokens} leaves no room for the prompt in a ${Math.min(chat.contextTokens ?? Infinity, context)}-token context`,
    );
  }
  // Scanning the vocabulary for line breaks takes a moment on a 50k-token model: do it at load,
  // not in the first request.
  stopTokensOf(lm);
  const queue = new InferenceQueue<GenerationRequest, Candidate[]>({
    // One dialogue per model call: its N candidates are already one batch.
    batchSize: 1,
    concurrency: settings.concurrency,
    run: async ([request]) => (request ? [await generateResponses(lm, request)] : []),
  });
  return {
    chat,
    tokens: tokenCounter(lm),
    promptBudget,
    generate: (request, signal) => queue.run(request, signal),
  };
}
