import type { Context } from 'hono';
import { z } from 'zod';
import { LsmlError } from '../errors/index.js';
import type { LsmlEnv } from './env.js';
import { tooLarge } from './middleware/body-limit.js';

/**
 * Reads the request body as JSON and checks it against `schema`, turning every failure into a
 * 4xx a person can act on: wrong content type (415), broken JSON (400, with position), wrong
 * shape (422, naming the field).
 */
export async function readJson<S extends z.ZodType>(
  c: Context<LsmlEnv>,
  schema: S,
): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type.trim())) {
    throw new LsmlError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Expected a JSON body with "Content-Type: application/json", got ${type === '' ? 'no Content-Type' : `"${type}"`}`,
    );
  }
  const text = await readBody(c);
  if (text.trim() === '')
    throw new LsmlError('BAD_JSON', 'The request body is empty; send a JSON object');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new LsmlError(
      'BAD_JSON',
      `The request body is not valid JSON: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new LsmlError('VALIDATION_FAILED', describeIssues(parsed.error));
  return parsed.data;
}

/** "tasks[0].data: expected record, received string; …" (the first few issues). */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.reduce<string>(
      (acc, key) =>
        typeof key === 'number'
          ? `${acc}[${key}]`
          : acc === ''
            ? String(key)
            : `${acc}.${String(key)}`,
      '',
    );
    return path === '' ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : '';
  return `Invalid request body: ${parts.join('; ')}${more}`;
}

/**
 * The body as text, counted against the limit while read. Under @hono/node-server it is read
 * straight from Node's request stream: going through `c.req.text()` there builds a full fetch
 * Request and a web stream per request, which costs more than everything else /predict does.
 */
async function readBody(c: Context<LsmlEnv>): Promise<string> {
  const limit = (c.get('bodyLimit') as number | undefined) ?? Infinity;
  const incoming = c.env?.incoming;
  if (incoming && !incoming.readableEnded) return collect(incoming, limit);
  if (c.req.header('content-length') !== undefined) return c.req.text();
  const stream = c.req.raw.body;
  return stream ? collect(stream, limit) : '';
}

async function collect(stream: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
