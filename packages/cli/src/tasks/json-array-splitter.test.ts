import { describe, expect, it } from 'vitest';
import { JsonSplitError, splitJsonArray } from './json-array-splitter.js';
import { splitJsonLines } from './jsonl-splitter.js';

/** Feeds `text` in chunks of `size` bytes, so every boundary position gets exercised. */
function chunked(text: string, size: number): AsyncIterable<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return {
    [Symbol.asyncIterator]: () => {
      let i = 0;
      return {
        next: () =>
          Promise.resolve(
            i < chunks.length
              ? { done: false as const, value: chunks[i++] as Uint8Array }
              : { done: true as const, value: undefined },
          ),
      };
    },
  };
}

async function collect(iterable: AsyncIterable<{ text: string }>): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const element of iterable) out.push(JSON.parse(element.text));
  return out;
}

const tricky = [
  { id: 1, data: { text: 'brackets ] } [ { inside a string' } },
  { id: 2, data: { text: 'escaped quote \\" and backslash \\\\ and \\\\" end' } },
  {
    id: 3,
    data: { text: 'commas, everywhere, ], and "quotes"' },
    annotations: [[], [{}], { a: [1, 2] }],
  },
  { id: 4, data: { text: 'unicode: héllo wörld 日本語 🙂 \u2028 line separator' } },
  'a bare string, with a comma',
  42,
  null,
  [1, [2, [3]], { x: '}' }],
  { id: 5, data: { text: '\\\\' } },
];

describe('splitJsonArray', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])(
    'splits nested, escaped values at chunk size %i',
    async (size) => {
      const text = JSON.stringify(tricky, null, 2);
      expect(await collect(splitJsonArray(chunked(text, size)))).toEqual(tricky);
    },
  );

  it('reads compact arrays, empty arrays and a byte order mark', async () => {
    expect(await collect(splitJsonArray(chunked(JSON.stringify(tricky), 5)))).toEqual(tricky);
    expect(await collect(splitJsonArray(chunked(' [ ] \n', 1)))).toEqual([]);
    expect(await collect(splitJsonArray(chunked('\uFEFF[{"a":1}]', 1)))).toEqual([{ a: 1 }]);
  });

  it('reports where each element starts and how far the input is consumed', async () => {
    const text = '[\n  {"a": 1},\n  {"b": 2}\n]';
    const elements = [];
    for await (const e of splitJsonArray(chunked(text, 3))) elements.push(e);
    expect(elements.map((e) => e.start)).toEqual([
      { line: 2, column: 3 },
      { line: 3, column: 3 },
    ]);
    expect(elements[0]?.end).toBe(text.indexOf(',') + 1);
    expect(elements[1]?.end).toBe(text.length);
  });

  it.each([
    ['', 'the file is empty', { line: 1, column: 1 }],
    ['{"a": 1}', 'expected "["', { line: 1, column: 1 }],
    ['[{"a": 1},\n {"b": 2}', 'not closed', { line: 2, column: 10 }],
    [
      '[{"a": 1},\n {"b": [2]',
      'inside the element that starts at line 2, column 2',
      { line: 2, column: 11 },
    ],
    ['[{"a": [1}]', 'unexpected "}" where "]" was expected', { line: 1, column: 10 }],
    ['[{"a": 1},]', 'unexpected "]" after ","', { line: 1, column: 11 }],
    ['[,{"a": 1}]', 'empty element', { line: 1, column: 2 }],
    ['[{"a": 1}]\n x', 'after the closing', { line: 2, column: 2 }],
  ])('refuses %j with its position', async (text, message, at) => {
    const error = await collect(splitJsonArray(chunked(text, 2))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsonSplitError);
    expect((error as JsonSplitError).message).toContain(message);
    expect((error as JsonSplitError).at).toEqual(at);
  });
});

describe('splitJsonLines', () => {
  it.each([1, 4, 1024])('splits JSONL with blank lines and CRLF at chunk size %i', async (size) => {
    const objects = tricky.filter((t) => typeof t === 'object');
    const text = `${objects.map((o) => JSON.stringify(o)).join('\r\n')}\n\n  \n`;
    expect(await collect(splitJsonLines(chunked(text, size)))).toEqual(objects);
  });

  it('numbers lines, counting blank ones, and tracks consumed bytes', async () => {
    const text = '{"a":1}\n\n  {"b":2}';
    const elements = [];
    for await (const e of splitJsonLines(chunked(text, 3))) elements.push(e);
    expect(elements.map((e) => e.start)).toEqual([
      { line: 1, column: 1 },
      { line: 3, column: 3 },
    ]);
    expect(elements.map((e) => e.end)).toEqual([8, text.length]);
  });
});
