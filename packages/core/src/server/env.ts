import type { IncomingMessage } from 'node:http';
import type { Logger } from '../observability/logger.js';

/** Per-request values routes read from the Hono context. */
export interface LsmlEnv {
  /** Set by @hono/node-server; absent in `app.request()` tests and other runtimes. */
  Bindings: { incoming?: IncomingMessage } | undefined;
  Variables: {
    log: Logger;
    requestId: string;
    /** Largest accepted request body, in bytes. */
    bodyLimit: number;
  };
}
