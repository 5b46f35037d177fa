import { LsmlError } from '@lsml/core';

/** One line of a dialogue, as Label Studio's `<Paragraphs layout="dialogue">` shows it. */
export interface Turn {
  author: string;
  text: string;
}

/** Who answers when the dialogue has only one speaker. */
export const DEFAULT_RESPONDER = 'Assistant';

const SPEAKER_LINE = /^([^:\n]{1,40}):\s*(.*)$/;

/**
 * Reads a task's dialogue: Paragraphs data (`[{author, text}]`), or plain text (Text tag) with
 * one `Author: words` turn per line. Throws VALIDATION_FAILED naming what was wrong.
 */
export function readDialogue(value: unknown, where: string): Turn[] {
  if (typeof value === 'string') {
    return value
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => {
        const match = SPEAKER_LINE.exec(line);
        return match
          ? { author: (match[1] ?? '').trim(), text: match[2] ?? '' }
          : { author: '', text: line };
      });
  }
  if (!Array.isArray(value)) {
    throw new LsmlError(
      'VALIDATION_FAILED',
      `${where} must be a dialogue: a list of {"author", "text"} turns or a text`,
    );
  }
  return value.map((turn: unknown, i) => {
    const t = turn as { author?: unknown; text?: unknown } | null;
    if (t === null || typeof t !== 'object' || typeof t.text !== 'string') {
      throw new LsmlError(
        'VALIDATION_FAILED',
        `${where}[${i}] must be {"author", "text"} with a text`,
      );
    }
    return { author: typeof t.author === 'string' ? t.author : '', text: t.text };
  });
}

/** The speaker of the next turn: the last one who is not the last speaker. */
export function responderOf(turns: readonly Turn[]): string {
  const last = turns.at(-1)?.author;
  for (let i = turns.length - 1; i >= 0; i -= 1) {
    const author = turns[i]?.author;
    if (author && author !== last) return author;
  }
  return DEFAULT_RESPONDER;
}

/** One turn per line, `Author: text` (line breaks inside a turn become spaces). */
export function renderTurns(turns: readonly Turn[]): string {
  return turns
    .map((t) => {
      const text = t.text.replace(/\s*\n\s*/g, ' ').trim();
      return t.author ? `${t.author}: ${text}` : text;
    })
    .join('\n');
}

/** The words of a dialogue, lower case, for similarity. */
export function dialogueWords(turns: readonly Turn[]): string[] {
  return turns.flatMap((t) => t.text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
}
