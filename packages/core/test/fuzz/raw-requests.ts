import fc from 'fast-check';
import { PREDICT_BODY } from './protocol-shapes.js';
import type { RawOptions } from './send.js';

/** Bytes for a raw TCP connection: HTTP that Node's parser refuses, or that lies about itself. */
export interface RawRequest {
  family: string;
  bytes: Buffer;
  /** How to send it (see `rawExchange`): lies about the length need the client to give up. */
  options: RawOptions;
}

const GOOD_BODY = JSON.stringify(PREDICT_BODY);
const crlf = (...lines: string[]) => lines.join('\r\n');

const requestLine = fc
  .record({
    method: fc.constantFrom(
      'GET',
      'POST',
      'G ET',
      '',
      'get',
      'POST\t',
      '\u0000',
      'PO{ST',
      'SEARCH',
    ),
    path: fc.constantFrom(
      '/',
      '/health',
      'health',
      '*',
      '/\u007f',
      '/ space',
      'http://x/health',
      '//',
      '/predict#x',
      '/%',
      '/\u00e9',
    ),
    version: fc.constantFrom(
      'HTTP/1.1',
      'HTTP/1.0',
      'HTTP/9.9',
      'HTTP/1',
      'http/1.1',
      'HTTP/1.1 extra',
      '',
      'HTTP/2.0',
    ),
  })
  .map(({ method, path, version }) => ({
    family: 'request-line',
    options: {},
    bytes: Buffer.from(
      crlf(`${method} ${path} ${version}`, 'Host: fuzz', 'Connection: close', '', ''),
      'latin1',
    ),
  }));

const BAD_HEADERS = [
  'NoColonHere',
  ' leading-space: x',
  'X-Bad\u0000: y',
  'X-Ctl: a\u0001b',
  'Content-Length: 5\r\nContent-Length: 6',
  'Content-Length: abc',
  'Content-Length: -1',
  'Content-Length: 99999999999999999999999',
  'Transfer-Encoding: chunked\r\nContent-Length: 3',
  'Transfer-Encoding: gzip',
  'Transfer-Encoding: chunked, chunked',
  'Host: a\r\nHost: b',
  'X-Folded: a\r\n  continued',
  `X-Huge: ${'a'.repeat(20_000)}`,
  Array.from({ length: 3_000 }, (_, i) => `X-Many-${i}: 1`).join('\r\n'),
  ': no-name',
  'Content-Type: application/json\u00ff',
];

const badHeader = fc
  .tuple(
    fc.constantFrom('GET /health', 'POST /predict', 'POST /webhook'),
    fc.constantFrom(...BAD_HEADERS),
  )
  .map(([line, header]) => ({
    family: 'header',
    options: {},
    bytes: Buffer.from(
      crlf(`${line} HTTP/1.1`, 'Host: fuzz', header, 'Connection: close', '', ''),
      'latin1',
    ),
  }));

const badChunks = fc
  .constantFrom(
    'zz\r\nabc\r\n0\r\n\r\n',
    '5\r\nab\r\n',
    '3\r\nabcdef\r\n0\r\n\r\n',
    '-1\r\n\r\n',
    'ffffffffffffffffff\r\n',
    '0\r\n',
    '2;ext=' + 'x'.repeat(20_000) + '\r\n{}\r\n0\r\n\r\n',
  )
  .map((body) => ({
    family: 'chunked',
    options: { halfClose: true },
    bytes: Buffer.from(
      crlf(
        'POST /predict HTTP/1.1',
        'Host: fuzz',
        'Content-Type: application/json',
        'Transfer-Encoding: chunked',
        '',
        '',
      ) + body,
      'latin1',
    ),
  }));

/** Content-Length says one thing, the body another; then the client closes its side. */
const lengthLie = fc
  .tuple(
    fc.constantFrom('/predict', '/setup', '/webhook', '/train'),
    fc.integer({ min: 0, max: GOOD_BODY.length }),
    fc.integer({ min: -50, max: 5_000 }),
  )
  .map(([path, sent, declaredOffset]) => {
    const body = GOOD_BODY.slice(0, sent);
    const declared = Math.max(0, sent + declaredOffset);
    return {
      family: 'content-length-lie',
      options: { halfClose: true },
      bytes: Buffer.from(
        crlf(
          `POST ${path} HTTP/1.1`,
          'Host: fuzz',
          'Content-Type: application/json',
          `Content-Length: ${declared}`,
          'Connection: close',
          '',
          '',
        ) + body,
      ),
    };
  });

const garbage = fc
  .tuple(
    fc.constantFrom('', 'POST /predict HTTP/1.1\r\n', 'GET / HTTP/1.1\r\nHost: x\r\n'),
    fc.uint8Array({ minLength: 1, maxLength: 300 }),
  )
  .map(([prefix, bytes]) => ({
    family: 'garbage',
    options: {},
    bytes: Buffer.concat([Buffer.from(prefix), Buffer.from(bytes), Buffer.from('\r\n\r\n')]),
  }));

export const rawRequest: fc.Arbitrary<RawRequest> = fc.oneof<fc.Arbitrary<RawRequest>[]>(
  requestLine,
  badHeader,
  badChunks,
  lengthLie,
  garbage,
);

/** A good request followed on the same connection by garbage: the good one is still answered. */
export const pipelined: fc.Arbitrary<RawRequest> = fc
  .uint8Array({ minLength: 1, maxLength: 200 })
  .map((bytes) => ({
    family: 'pipelined',
    options: { until: 'close' as const },
    bytes: Buffer.concat([
      Buffer.from(
        crlf(
          'POST /predict HTTP/1.1',
          'Host: fuzz',
          'Content-Type: application/json',
          `Content-Length: ${Buffer.byteLength(GOOD_BODY)}`,
          '',
          '',
        ) + GOOD_BODY,
      ),
      Buffer.from(bytes),
      Buffer.from('\r\n\r\n'),
    ]),
  }));
