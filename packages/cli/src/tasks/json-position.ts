/** A place in a text file, 1-based, as editors show it. */
export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Where `JSON.parse` failed inside `text`, which starts at `start` in the file. V8 reports a
 * character offset ("… at position 12"); past the end ("Unexpected end") means the text's end.
 */
export function jsonErrorPosition(error: unknown, text: string, start: TextPosition): TextPosition {
  const message = error instanceof Error ? error.message : '';
  const match = /at position (\d+)/.exec(message);
  const offset = match ? Number(match[1]) : text.length;
  return advance(start, text.slice(0, offset));
}

/** The position reached after reading `text` from `start`. */
export function advance(start: TextPosition, text: string): TextPosition {
  const lastNewline = text.lastIndexOf('\n');
  if (lastNewline === -1) return { line: start.line, column: start.column + text.length };
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return { line: start.line + lines, column: text.length - lastNewline };
}

/** `JSON.parse`'s message without V8's position suffix (we print a line and column instead). */
export function jsonErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
}
