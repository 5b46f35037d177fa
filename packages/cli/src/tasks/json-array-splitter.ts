import type { TextPosition } from './json-position.js';

/** The raw text of one top-level element of a JSON array and where it starts in the file. */
export interface JsonElement {
  text: string;
  start: TextPosition;
  /** Byte offset just past the element (and its separator): how far the input is consumed. */
  end: number;
}

/** A structural problem found while splitting: not an array, not closed, junk after it. */
export class JsonSplitError extends Error {
  constructor(
    message: string,
    readonly at: TextPosition,
  ) {
    super(message);
    this.name = 'JsonSplitError';
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const NEWLINE = 0x0a;

function indexOrEnd(chunk: Uint8Array, byte: number, from: number): number {
  const found = chunk.indexOf(byte, from);
  return found === -1 ? chunk.length : found;
}

// UTF-8 byte order mark EF BB BF, which some editors put at the start of a file.
function isByteOrderMark(byte: number): boolean {
  return byte === 0xef || byte === 0xbb || byte === 0xbf;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

/**
 * Splits a streamed JSON array into the text of its top-level elements without parsing them, so
 * a 1 GB export never sits in memory: only the element being read does. Works on bytes: the
 * structural characters are ASCII and never occur inside a UTF-8 multi-byte sequence, so chunk
 * boundaries anywhere (mid-string, mid-escape, mid-character) are safe. Elements are checked
 * later by `JSON.parse`; this only finds where each one begins and ends.
 */
export async function* splitJsonArray(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<JsonElement> {
  // 0: before '[', 1: inside the array, 2: after ']'.
  let phase = 0;
  const closers: number[] = []; // the bracket each open '{' or '[' of the element awaits
  let inString = false;
  let escaped = false;
  let line = 1;
  let lineStart = 0; // absolute byte offset where the current line starts
  let offset = 0; // absolute offset of chunk[0]
  let parts: Uint8Array[] = [];
  let partStart = -1; // index in the current chunk where the element's bytes begin
  let elementStart: TextPosition | undefined;
  let afterComma = false; // an element ended with ',': another must follow before ']'

  const at = (i: number): TextPosition => ({ line, column: offset + i - lineStart + 1 });

  for await (const chunk of chunks) {
    // Where the next quote and backslash of this chunk are, found with indexOf (native speed):
    // string contents, most of an export's bytes, are skipped rather than walked byte by byte.
    let nextQuote = -1;
    let nextBackslash = -1;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i] as number;
      if (byte === NEWLINE) {
        line++;
        lineStart = offset + i + 1;
      }
      if (phase === 1 && elementStart !== undefined) {
        // Inside an element: track strings and nesting until it ends at depth 0.
        if (inString) {
          if (escaped) {
            escaped = false;
            continue;
          }
          if (nextQuote < i) nextQuote = indexOrEnd(chunk, QUOTE, i);
          if (nextBackslash < i) nextBackslash = indexOrEnd(chunk, BACKSLASH, i);
          // Valid JSON strings hold no raw newline, so skipping them keeps the line count right.
          i = Math.min(nextQuote, nextBackslash);
          if (i === chunk.length) break;
          if (chunk[i] === BACKSLASH) escaped = true;
          else inString = false;
          continue;
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE) closers.push(CLOSE_BRACE);
        else if (byte === OPEN_BRACKET) closers.push(CLOSE_BRACKET);
        else if (closers.length > 0 && (byte === CLOSE_BRACE || byte === CLOSE_BRACKET)) {
          const expected = closers.pop();
          if (byte !== expected) {
            const want = expected === CLOSE_BRACE ? '}' : ']';
            throw new JsonSplitError(
              `unexpected "${String.fromCharCode(byte)}" where "${want}" was expected`,
              at(i),
            );
          }
        } else if (closers.length === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) {
          parts.push(chunk.subarray(partStart, i));
          const text = Buffer.concat(parts).toString('utf8').trimEnd();
          yield { text, start: elementStart, end: offset + i + 1 };
          parts = [];
          elementStart = undefined;
          afterComma = byte === COMMA;
          if (byte === CLOSE_BRACKET) phase = 2;
        }
        continue;
      }
      if (isSpace(byte) || (phase === 0 && offset + i < 3 && isByteOrderMark(byte))) continue;
      if (phase === 0) {
        if (byte !== OPEN_BRACKET)
          throw new JsonSplitError('expected "[" (a JSON array of tasks)', at(i));
        phase = 1;
      } else if (phase === 2) {
        throw new JsonSplitError('unexpected text after the closing "]"', at(i));
      } else if (byte === CLOSE_BRACKET) {
        if (afterComma) throw new JsonSplitError('unexpected "]" after ","', at(i));
        phase = 2;
      } else if (byte === COMMA) {
        throw new JsonSplitError('unexpected "," (empty element)', at(i));
      } else {
        // The first byte of an element: re-read it on the element path.
        elementStart = at(i);
        partStart = i;
        closers.length = 0;
        i--;
      }
    }
    if (elementStart !== undefined) {
      parts.push(chunk.subarray(partStart));
      partStart = 0;
    }
    offset += chunk.length;
  }
  if (phase !== 2) {
    const end = { line, column: offset - lineStart + 1 };
    if (phase === 0) throw new JsonSplitError('the file is empty', end);
    throw new JsonSplitError(
      elementStart && (closers.length > 0 || inString)
        ? `unexpected end of file inside the element that starts at line ${elementStart.line}, column ${elementStart.column} (a missing "}" or "]"?)`
        : 'unexpected end of file: the array is not closed with "]"',
      end,
    );
  }
}
