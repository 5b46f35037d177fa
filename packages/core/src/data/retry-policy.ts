import type { Response } from 'undici';

/** How answers that say "try again" (429, 5xx) are retried. */
export interface RetryPolicy {
  /** Retries after the first try. */
  retries: number;
  /** The first backoff; each retry doubles it. */
  baseDelayMs: number;
  /** No wait is longer, `Retry-After` included. */
  maxDelayMs: number;
  /** How to wait (tests record the waits instead). Default a timer. */
  sleep?: ((ms: number, signal: AbortSignal) => Promise<void>) | undefined;
}

export const RETRY_DEFAULTS: RetryPolicy = { retries: 5, baseDelayMs: 250, maxDelayMs: 60_000 };

/** Statuses after which a request was certainly not acted on: retried for every method. */
const NOT_ACTED_ON = new Set([429, 503]);
/** Statuses after which the server may have acted: retried for requests safe to repeat. */
const MAYBE_ACTED_ON = new Set([500, 502, 504]);

/**
 * How long to wait before retrying after `response`, or undefined when it must not be retried:
 * `Retry-After` (seconds or a date) when Label Studio sends one, else exponential backoff.
 */
export function retryDelay(
  response: Response,
  attempt: number,
  policy: RetryPolicy,
  repeatable: boolean,
  now: number = Date.now(),
): number | undefined {
  const status = response.status;
  if (attempt >= policy.retries) return undefined;
  if (!NOT_ACTED_ON.has(status) && !(repeatable && MAYBE_ACTED_ON.has(status))) return undefined;
  const told = retryAfterMs(response.headers.get('retry-after'), now);
  const backoff = policy.baseDelayMs * 2 ** attempt;
  return Math.min(told ?? backoff, policy.maxDelayMs);
}

function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason as Error);
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
