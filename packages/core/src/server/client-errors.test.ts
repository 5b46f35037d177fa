import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoBackend, TEXT_CONFIG } from '../../test/helpers.js';
import { rawExchange, type RawOptions } from '../../test/fuzz/send.js';
import { serve, type RunningServer } from './serve.js';

/**
 * What Node refuses before any route runs still gets lsml's JSON `{error, code}` (found by the
 * fuzz suite: Node's own answers are a bare status line, or nothing).
 */
describe('requests refused below the routes', () => {
  const modelDir = mkdtempSync(join(tmpdir(), 'lsml-client-errors-'));
  let running: RunningServer<{ n: number }>;
  beforeAll(async () => {
    running = await serve(echoBackend(), {
      port: 0,
      host: '127.0.0.1',
      modelDir,
      handleSignals: false,
      logger: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await running.shutdown();
    rmSync(modelDir, { recursive: true, force: true });
  });

  const send = (text: string, options?: RawOptions) =>
    rawExchange(running.port, Buffer.from(text, 'latin1'), options);
  const goodBody = JSON.stringify({
    tasks: [{ id: 1, data: { text: 'x' } }],
    label_config: TEXT_CONFIG,
  });
  const goodRequest =
    'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(goodBody)}\r\n\r\n${goodBody}`;

  it.each(
    [
      [
        'a request line Node cannot parse',
        'G ET / HTTP/1.1\r\nHost: x\r\n\r\n',
        400,
        'MALFORMED_REQUEST',
      ],
      [
        'a header without a colon',
        'GET /health HTTP/1.1\r\nHost: x\r\nNoColon\r\n\r\n',
        400,
        'MALFORMED_REQUEST',
      ],
      [
        'a bad chunk size',
        'POST /predict HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n',
        400,
        'MALFORMED_REQUEST',
      ],
      [
        "headers over Node's limit",
        `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'HEADERS_TOO_LARGE',
      ],
      [
        'the target "*", which makes no URL',
        'GET * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        400,
        'MALFORMED_REQUEST',
      ],
      [
        'a backslash in the target',
        'GET /a\\b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
        400,
        'MALFORMED_REQUEST',
      ],
      [
        'an Expect other than 100-continue',
        'GET /health HTTP/1.1\r\nHost: x\r\nExpect: nothing\r\nConnection: close\r\n\r\n',
        417,
        'EXPECTATION_FAILED',
      ],
    ].map(([name, text, status, code]) => ({
      name: String(name),
      text: String(text),
      status: Number(status),
      code: String(code),
    })),
  )('$name → $status JSON with code $code', async ({ text, status, code }) => {
    const { answer } = await send(text);
    expect(answer?.status).toBe(status);
    expect(answer?.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(answer?.text ?? '') as { error: string; code: string };
    expect(body.code).toBe(code);
    expect(body.error.length).toBeGreaterThan(20);
  });

  it('answers a complete request before refusing the garbage pipelined after it', async () => {
    const { bytes, answer } = await send(`${goodRequest}\u0000\u0001garbage\r\n\r\n`, {
      until: 'close',
    });
    expect(answer?.status).toBe(200);
    const rest = bytes.toString('latin1');
    expect(rest.indexOf('HTTP/1.1 400')).toBeGreaterThan(rest.indexOf('HTTP/1.1 200'));
    expect(rest).toContain('"code":"MALFORMED_REQUEST"');
  });

  it('keeps serving after all of them', async () => {
    const { answer } = await send(goodRequest.replace('Host: x', 'Host: x\r\nConnection: close'));
    expect(answer?.status).toBe(200);
  });
});
