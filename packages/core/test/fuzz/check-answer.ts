import type { FuzzRequest } from './fuzz-requests.js';

/** What came back for a request, however it travelled. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Successful answers that are not JSON by design (Prometheus text, the status page). */
const NON_JSON_SUCCESS = /^text\/(plain|html)\b/;

/**
 * What is wrong with `answer` to `request`, or undefined: no 5xx unless the backend was made to
 * throw (then a `BACKEND_ERROR` naming the task), every error a JSON `{error, code}` a person
 * can read, no stack trace, and no prototype polluted along the way.
 */
export function problemWith(
  answer: Answer,
  request: Pick<FuzzRequest, 'method' | 'throws'>,
): string | undefined {
  if (({} as Record<string, unknown>).polluted !== undefined)
    return 'Object.prototype was polluted';
  if (answer.status >= 500 && !request.throws)
    return `answered ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (request.method === 'HEAD') return undefined;
  const isError = answer.status >= 400;
  if (!isError && NON_JSON_SUCCESS.test(answer.contentType)) return undefined;
  if (!/^application\/json\b/.test(answer.contentType))
    return `answered ${answer.status} with Content-Type "${answer.contentType}": ${answer.text.slice(0, 200)}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `answered ${answer.status} with a body that is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (!isError) return undefined;
  const { error, code } = (body ?? {}) as { error?: unknown; code?: unknown };
  if (typeof error !== 'string' || error.trim().length < 10)
    return `answered ${answer.status} without a readable "error": ${answer.text.slice(0, 200)}`;
  if (typeof code !== 'string' || !/^[A-Z_]+$/.test(code))
    return `answered ${answer.status} without a stable "code": ${answer.text.slice(0, 200)}`;
  if (/\n\s+at /.test(error)) return `leaked a stack trace: ${error.slice(0, 300)}`;
  if (answer.status >= 500 && code !== 'BACKEND_ERROR')
    return `the backend threw, but the answer is ${answer.status} ${code}: ${error}`;
  return undefined;
}

/** A short description of `request` for a failure message. */
export function describeRequest(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? '(no body)'
      : typeof request.body === 'string'
        ? JSON.stringify(request.body.slice(0, 300))
        : `${request.body.byteLength} bytes ${Buffer.from(request.body.slice(0, 60)).toString('hex')}`;
  return `${request.family}: ${request.method} ${request.path} ${JSON.stringify(request.headers)} ${body}`;
}
