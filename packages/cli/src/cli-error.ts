/** Stable codes of the errors a person can act on; tests and scripts may rely on them. */
export type CLIErrorCode =
  | 'BAD_ARGS'
  | 'UNKNOWN_COMMAND'
  | 'DIR_MISSING'
  | 'NO_PACKAGE'
  | 'NO_BACKEND'
  | 'FILE_MISSING'
  | 'BAD_JSON'
  | 'UNKNOWN_TEMPLATE'
  | 'TARGET_EXISTS'
  | 'PORT_IN_USE'
  | 'NO_LABEL_CONFIG'
  | 'BAD_LABEL_CONFIG'
  | 'DATA_KEY_MISMATCH'
  | 'NOTHING_TO_TRAIN'
  | 'ALL_TASKS_FAILED'
  | 'VERSION_NOT_FOUND'
  | 'INIT_FAILED'
  | 'LABEL_STUDIO_REFUSED';

/**
 * The one error class of the CLI: a one-line message, a hint saying what to do about it, and
 * a stable code. `run()` prints message and hint and exits 1; anything else is a bug.
 *
 * @example
 * throw new CLIError('DIR_MISSING', 'No directory ./my_backend', 'create it with `lsml create my_backend`');
 */
export class CLIError extends Error {
  constructor(
    readonly code: CLIErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CLIError';
  }
}
