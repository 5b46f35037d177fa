import type { Logger } from './logger.js';

/**
 * Logs a repeating error (ioredis reports every failed reconnect) at most once per `everyMs`,
 * with how many were left out.
 */
export function throttledWarn(log: Logger, message: string, everyMs = 10_000) {
  let last = 0;
  let skipped = 0;
  return (error: unknown) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped += 1;
      return;
    }
    log.warn({ err: error, repeated: skipped }, message);
    last = now;
    skipped = 0;
  };
}
