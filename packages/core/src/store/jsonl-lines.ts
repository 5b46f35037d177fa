import { createReadStream } from 'node:fs';

/** One line of a file, as bytes without its '\n', and the file offset just past it. */
export interface FileLine {
  bytes: Buffer;
  end: number;
  /** False for a last line with no '\n' after it (a write cut short). */
  complete: boolean;
}

const NEWLINE = 0x0a;

/**
 * The lines of a file, read as a stream: a file larger than V8's longest string (~512 MB) still
 * reads, and only one line is held at a time, however long (a 90 MB task is one line).
 */
export async function* readLines(path: string): AsyncGenerator<FileLine> {
  const parts: Buffer[] = [];
  let offset = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      parts.push(chunk.subarray(start, nl));
      const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
      parts.length = 0;
      offset += bytes.length + 1;
      yield { bytes, end: offset, complete: true };
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(chunk.subarray(start));
  }
  if (parts.length > 0) {
    const bytes = Buffer.concat(parts);
    yield { bytes, end: offset + bytes.length, complete: false };
  }
}

/** The line's JSON, or undefined when it does not parse. */
export function parseLine(line: FileLine): unknown {
  try {
    return JSON.parse(line.bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
