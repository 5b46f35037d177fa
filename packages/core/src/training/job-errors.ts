import { UnrecoverableError } from 'bullmq';
import { isLsmlError } from '../errors/index.js';

/**
 * Decides whether BullMQ retries a failed fit: an `LsmlError` with a 4xx status (bad data, bad
 * label config) fails at once, as retrying cannot help; anything else is retried with backoff.
 */
export function steerRetry(error: unknown): unknown {
  if (isLsmlError(error) && error.status < 500) {
    return new UnrecoverableError(`${error.code}: ${error.message}`);
  }
  return error;
}
