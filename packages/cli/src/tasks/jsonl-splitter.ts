import type { JsonElement } from './json-array-splitter.js';

const NEWLINE = 0x0a;

/** Splits streamed JSONL into its non-blank lines, each with its line number. */
export async function* splitJsonLines(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<JsonElement> {
  let line = 1;
  let offset = 0; // absolute offset of chunk[0]
  let parts: Uint8Array[] = [];
  for await (const chunk of chunks) {
    let from = 0;
    for (let i = chunk.indexOf(NEWLINE); i !== -1; i = chunk.indexOf(NEWLINE, i + 1)) {
      parts.push(chunk.subarray(from, i));
      const element = toElement(parts, line, offset + i + 1);
      if (element) yield element;
      parts = [];
      line++;
      from = i + 1;
    }
    if (from < chunk.length) parts.push(chunk.subarray(from));
    offset += chunk.length;
  }
  const last = toElement(parts, line, offset);
  if (last) yield last;
}

function toElement(parts: Uint8Array[], line: number, end: number): JsonElement | undefined {
  const raw = Buffer.concat(parts).toString('utf8');
  const text = raw.trimEnd();
  const indent = text.length - text.trimStart().length;
  if (text.trim() === '') return undefined;
  return { text: text.slice(indent), start: { line, column: indent + 1 }, end };
}
