import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { RequestError } from '@hono/node-server';
import { ERROR_STATUS, LsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';

/**
 * The error a request gets when Node's HTTP parser refuses it before any route sees it. Node's
 * own answer is a bare status line with no body, which Label Studio would show as an empty
 * message; this one says what was wrong and what to do.
 */
export function clientErrorOf(error: Error & { code?: string }): LsmlError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return new LsmlError(
        'HEADERS_TOO_LARGE',
        'The request headers are larger than this server accepts; send fewer or shorter headers, ' +
          'or raise the limit with NODE_OPTIONS=--max-http-header-size=<bytes>',
        { cause: error },
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new LsmlError(
        'PAYLOAD_TOO_LARGE',
        'The chunk extensions of the request body are too large; send the body without chunk extensions',
        { cause: error },
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new LsmlError(
        'REQUEST_TIMEOUT',
        'The request did not arrive in full in time; send the whole request at once, or check the ' +
          'network between Label Studio and this backend',
        { cause: error },
      );
    default:
      return new LsmlError(
        'MALFORMED_REQUEST',
        `The request is not valid HTTP/1.1 (${error.code ?? 'parse error'}: ${error.message}); ` +
          'Label Studio and curl send valid requests, so check the client or a proxy in between',
        { cause: error },
      );
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  417: 'Expectation Failed',
  431: 'Request Header Fields Too Large',
};

function rawResponse(lsml: LsmlError): string {
  const body = JSON.stringify(lsml.toJSON());
  return (
    `HTTP/1.1 ${lsml.status} ${REASONS[lsml.status] ?? 'Error'}\r\n` +
    'Content-Type: application/json; charset=UTF-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

/**
 * Answers what Node refuses below the routes with the same `{error, code}` JSON as every other
 * error: malformed requests (`clientError`) and an `Expect` other than 100-continue
 * (`checkExpectation`, Node's default is an empty 417).
 */
export function answerClientErrors(server: Server, log: Logger): void {
  // The request each connection is answering: garbage pipelined after a complete request must
  // not cost that request its answer (Node's default drops it with the connection).
  const answering = new WeakMap<Duplex, { req: IncomingMessage; res: ServerResponse }>();
  // Connections whose last answer said "Connection: close": bytes after it are owed nothing.
  const closing = new WeakSet<Duplex>();
  const saysClose = (req: IncomingMessage, res: ServerResponse) =>
    /close/i.test(String(res.getHeader('connection') ?? '')) ||
    /close/i.test(req.headers.connection ?? '');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    answering.set(socket, { req, res });
    res.once('finish', () => {
      if (saysClose(req, res)) closing.add(socket);
    });
    res.once('close', () => {
      if (answering.get(socket)?.res === res) answering.delete(socket);
    });
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || closing.has(socket)) {
      socket.destroy();
      return;
    }
    const lsml = clientErrorOf(error);
    log.info({ code: lsml.code, reason: error.code }, lsml.message);
    const refuse = () => socket.end(rawResponse(lsml), () => socket.destroy());
    const current = answering.get(socket);
    if (!current || current.res.writableFinished) {
      refuse();
    } else if (current.req.complete && !current.res.headersSent) {
      current.res.once('finish', refuse);
    } else if (!current.res.headersSent) {
      // The request in flight lost the rest of its body to the error: this answer is its answer.
      refuse();
    } else {
      current.res.once('finish', () => socket.destroy());
    }
  });
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    closing.add(req.socket);
    const lsml = new LsmlError(
      'EXPECTATION_FAILED',
      `"Expect: ${req.headers.expect ?? ''}" is not supported (only "100-continue" is); send the request without it`,
    );
    res.writeHead(ERROR_STATUS.EXPECTATION_FAILED, {
      'content-type': 'application/json; charset=UTF-8',
      connection: 'close',
    });
    res.end(JSON.stringify(lsml.toJSON()));
  });
}

/**
 * The answer when @hono/node-server cannot turn Node's request into a fetch Request (a target
 * like `*` or with a backslash, a Host that is no host name), or fails outside the app.
 */
export function unreadableRequest(error: unknown, log: Logger): Response {
  const lsml =
    error instanceof RequestError
      ? new LsmlError(
          'MALFORMED_REQUEST',
          `The request's target or Host header does not make a URL (${error.message}); send a path ` +
            'such as /predict and the host name of this backend',
          { cause: error },
        )
      : new LsmlError(
          'INTERNAL',
          'The request failed before it reached a route; see the backend log',
          {
            cause: error,
          },
        );
  if (lsml.status >= 500) log.error({ err: error }, lsml.message);
  else log.info({ code: lsml.code }, lsml.message);
  return new Response(JSON.stringify(lsml.toJSON()), {
    status: lsml.status,
    headers: { 'content-type': 'application/json; charset=UTF-8' },
  });
}
