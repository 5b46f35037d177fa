import { isLsmlError, type Logger } from '@lsml/core';

/**
 * Runs a startup step (loading the model) and, if it fails, logs the reason in one readable
 * line and exits with status 1, instead of an unhandled rejection with a stack trace.
 *
 * @example
 * await exitOnModelError(() => detector.load(), log);
 * await serve(backend);
 */
export async function exitOnModelError(step: () => Promise<unknown>, log: Logger): Promise<void> {
  try {
    await step();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // An LsmlError's message already says what to do; a stack would only bury it.
    if (isLsmlError(error)) log.fatal({ code: error.code, ...error.details }, message);
    else log.fatal({ err: error }, message);
    log.flush();
    process.exit(1);
  }
}
