import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { CLIError } from '../cli-error.js';
import { badJsonError } from './bad-json-error.js';
import { JsonSplitError, splitJsonArray, type JsonElement } from './json-array-splitter.js';
import { jsonErrorPosition, jsonErrorReason, type TextPosition } from './json-position.js';
import { splitJsonLines } from './jsonl-splitter.js';

/** One parsed element of an export and where it starts (for error messages). */
export interface ExportItem {
  value: unknown;
  start: TextPosition;
  /** 1-based position in the export. */
  ordinal: number;
}

/** A Label Studio export being streamed: its items, and how far through the file the reader is. */
export interface TaskSource extends AsyncIterable<ExportItem> {
  format: 'json' | 'jsonl';
  /** File size in bytes, for progress and ETA. */
  size: number;
  /** Bytes of the input consumed so far: up to the end of the last item handed out. */
  bytesRead(): number;
}

const CHUNK = 1024 * 1024;

/**
 * Streams a Label Studio export: a JSON array (JSON / JSON-MIN export) or JSONL (one task per
 * line), told apart by the first non-blank character. Only the current element is held in
 * memory. Unparseable input ends the stream with a BAD_JSON error naming the line and column.
 */
export async function readTasks(file: string): Promise<TaskSource> {
  const size = await fileSize(file);
  const format = await sniffFormat(file);
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  const chunks = stream as AsyncIterable<Buffer>;
  let consumed = 0;
  return {
    format,
    size,
    bytesRead: () => consumed,
    async *[Symbol.asyncIterator]() {
      const elements = format === 'json' ? splitJsonArray(chunks) : splitJsonLines(chunks);
      let ordinal = 0;
      try {
        for await (const element of elements) {
          ordinal++;
          const value = parseElement(file, element);
          consumed = element.end;
          yield { value, start: element.start, ordinal };
        }
        consumed = size;
      } catch (error) {
        if (error instanceof JsonSplitError) throw badJsonError(file, error.at, error.message);
        throw error;
      } finally {
        stream.destroy();
      }
    },
  };
}

function parseElement(file: string, element: JsonElement): unknown {
  try {
    return JSON.parse(element.text) as unknown;
  } catch (error) {
    throw badJsonError(
      file,
      jsonErrorPosition(error, element.text, element.start),
      jsonErrorReason(error),
    );
  }
}

async function fileSize(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CLIError('FILE_MISSING', `${file} is not a file`);
    return info.size;
  } catch (error) {
    if (error instanceof CLIError) throw error;
    throw new CLIError(
      'FILE_MISSING',
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      'check the path; exports come from Label Studio: Project → Export → JSON',
    );
  }
}

/** `[` starts a JSON array; `{` starts JSONL. Reads only the first few KB. */
async function sniffFormat(file: string): Promise<'json' | 'jsonl'> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '');
    const first = /\S/.exec(text);
    if (!first) throw badJsonError(file, { line: 1, column: 1 }, 'the file is empty');
    if (first[0] === '[') return 'json';
    if (first[0] === '{') return 'jsonl';
    const before = text.slice(0, first.index);
    const line = before.split('\n').length;
    const column = first.index - before.lastIndexOf('\n');
    throw badJsonError(
      file,
      { line, column },
      `expected a JSON array "[" or JSONL objects "{", found "${first[0]}"`,
    );
  } finally {
    await handle.close();
  }
}
