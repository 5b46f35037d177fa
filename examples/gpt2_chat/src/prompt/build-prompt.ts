import { dialogueWords, renderTurns, responderOf, type Turn } from '../dialogue/dialogue.js';
import type { FewShotExample } from '../few-shot/few-shot-examples.js';
import { cosineSimilarity, wordCounts } from '../few-shot/similarity.js';

/** Token counting, from the model's tokenizer. */
export interface TokenCounter {
  count(text: string): number;
  /** The end of `text` that fits in `tokens` tokens. */
  tail(text: string, tokens: number): string;
}

export interface PromptOptions {
  /** Most prompt tokens (the model's context minus the tokens to generate). */
  budget: number;
  /** Most few-shot examples in one prompt. */
  maxExamples: number;
  /** The task being answered: its own accepted response is never shown to the model. */
  taskId: string;
}

export interface BuiltPrompt {
  text: string;
  /** Task ids of the examples in the prompt, most similar first. */
  fewShotTaskIds: string[];
  /** True when old turns of the dialogue were cut to fit the budget. */
  truncated: boolean;
}

const SEPARATOR = '\n\n';

/** A dialogue followed by its next speaker's line: the reply goes after the colon. */
function dialogueBlock(turns: readonly Turn[], response?: string): string {
  const cue = `${responderOf(turns)}:`;
  return `${renderTurns(turns)}\n${response === undefined ? cue : `${cue} ${response}`}`;
}

/**
 * Writes the prompt for one dialogue: the dialogue itself always (oldest turns cut if it alone
 * is over budget), then as many accepted examples as fit, chosen most similar first (cosine of
 * word counts). They are written least similar first, so the closest example sits right above
 * the dialogue, where a small causal model attends most.
 */
export function buildPrompt(
  turns: readonly Turn[],
  examples: readonly FewShotExample[],
  tokens: TokenCounter,
  options: PromptOptions,
): BuiltPrompt {
  let kept = [...turns];
  let query = dialogueBlock(kept);
  while (kept.length > 1 && tokens.count(query) > options.budget) {
    kept = kept.slice(1);
    query = dialogueBlock(kept);
  }
  if (tokens.count(query) > options.budget) query = tokens.tail(query, options.budget);
  let used = tokens.count(query);

  const target = wordCounts(dialogueWords(turns));
  const ranked = examples
    .map((example, order) => ({
      example,
      order,
      similarity: cosineSimilarity(target, wordCounts(dialogueWords(example.turns))),
    }))
    .filter(({ example }) => example.taskId !== options.taskId)
    // Most similar first; among equals, the most recently accepted.
    .sort((a, b) => b.similarity - a.similarity || b.order - a.order);

  const chosen: { block: string; taskId: string }[] = [];
  for (const { example } of ranked) {
    if (chosen.length >= options.maxExamples) break;
    const block = dialogueBlock(example.turns, example.response);
    const cost = tokens.count(block + SEPARATOR);
    if (used + cost > options.budget) continue;
    used += cost;
    chosen.push({ block, taskId: example.taskId });
  }
  let text = [...chosen.map((c) => c.block).reverse(), query].join(SEPARATOR);
  // Parts were counted one by one; the joined text tokenizes about the same, but never trust it
  // with the model's context: a position past the end is an out-of-range error, not a warning.
  if (tokens.count(text) > options.budget) text = tokens.tail(text, options.budget);
  return {
    text,
    fewShotTaskIds: chosen.map((c) => c.taskId),
    truncated: kept.length < turns.length || query !== dialogueBlock(kept),
  };
}
