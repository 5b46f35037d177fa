import { isLsmlError } from '../errors/index.js';
import type { Logger } from '../observability/logger.js';

/**
 * Runs a process's start-up (config, `init`, listening). A process that owns itself prints
 * what went wrong as one line and exits 1: a bad variable, a port in use or a model that cannot
 * load is a message to act on, not a stack trace. Otherwise (tests, embedding) it rethrows.
 */
export async function startOrExit<T>(
  ownsProcess: boolean,
  log: () => Logger | undefined,
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if (!ownsProcess) throw error;
    const message = startupMessage(error);
    const logger = log();
    if (logger) logger.fatal({ code: isLsmlError(error) ? error.code : undefined }, message);
    else process.stderr.write(`lsml: ${message}\n`);
    process.exit(1);
  }
}

function startupMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE' || code === 'EACCES') {
    const { port, address } = error as { port?: number; address?: string };
    const where = port === undefined ? 'the port' : `port ${String(port)}`;
    return code === 'EADDRINUSE'
      ? `cannot listen on ${address ?? ''}:${String(port ?? '')}: ${where} is in use; stop what runs there or set PORT to a free one`
      : `cannot listen on ${where}: permission denied; use a port above 1023 or set PORT`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return `cannot start: ${text.split('\n')[0] ?? text}`;
}
