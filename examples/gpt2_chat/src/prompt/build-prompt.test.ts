import { describe, expect, it } from 'vitest';
import type { FewShotExample } from '../few-shot/few-shot-examples.js';
import { buildPrompt, type TokenCounter } from './build-prompt.js';

/** One token per word: easy budgets to reason about. */
const words: TokenCounter = {
  count: (text) => text.split(/\s+/).filter(Boolean).length,
  tail: (text, n) => text.split(/\s+/).filter(Boolean).slice(-n).join(' '),
};

const example = (taskId: string, text: string, response: string): FewShotExample => ({
  taskId,
  turns: [{ author: 'User', text }],
  response,
});

const EXAMPLES = [
  example('1', 'the weather in paris', 'Sunny.'),
  example('2', 'my kettle is broken', 'Refund sent.'),
  example('3', 'kettle refund please', 'Refund on its way.'),
];

describe('buildPrompt', () => {
  const turns = [{ author: 'User', text: 'my kettle broke, refund?' }];

  it('writes the dialogue with the next speaker cue', () => {
    const prompt = buildPrompt(turns, [], words, { budget: 100, maxExamples: 3, taskId: 'x' });
    expect(prompt.text).toBe('User: my kettle broke, refund?\nAssistant:');
  });

  it('picks the most similar examples first and puts the closest right above the dialogue', () => {
    const prompt = buildPrompt(turns, EXAMPLES, words, {
      budget: 100,
      maxExamples: 2,
      taskId: 'x',
    });
    // Cosine of word counts: "kettle refund please" shares 2 of its 3 words, 0.58; "my kettle
    // is broken" 2 of 4, 0.5; the weather none.
    expect(prompt.fewShotTaskIds).toEqual(['3', '2']);
    expect(prompt.text).toBe(
      'User: my kettle is broken\nAssistant: Refund sent.\n\n' +
        'User: kettle refund please\nAssistant: Refund on its way.\n\n' +
        'User: my kettle broke, refund?\nAssistant:',
    );
  });

  it('never shows a task its own accepted response', () => {
    const prompt = buildPrompt(turns, EXAMPLES, words, {
      budget: 100,
      maxExamples: 3,
      taskId: '2',
    });
    expect(prompt.fewShotTaskIds).not.toContain('2');
  });

  it('fits examples into what the dialogue leaves of the budget', () => {
    // The dialogue takes 6 words; the closest example 8, the next 7.
    const prompt = buildPrompt(turns, EXAMPLES, words, { budget: 15, maxExamples: 3, taskId: 'x' });
    expect(prompt.fewShotTaskIds).toEqual(['3']);
    expect(words.count(prompt.text)).toBeLessThanOrEqual(15);
  });

  it('drops the oldest turns of a dialogue longer than the budget', () => {
    const long = Array.from({ length: 10 }, (_, i) => ({ author: 'A', text: `turn ${i}` }));
    const prompt = buildPrompt(long, EXAMPLES, words, { budget: 8, maxExamples: 3, taskId: 'x' });
    expect(prompt.truncated).toBe(true);
    expect(prompt.text).toBe('A: turn 8\nA: turn 9\nAssistant:');
  });
});
