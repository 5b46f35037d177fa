import { ERROR_STATUS, type ErrorCode } from './codes.js';

/**
 * The one error class of lsml. It carries a stable `code` (its HTTP status comes from the
 * code table), a message a person can act on, and the underlying `cause` for the logs.
 *
 * @example
 * throw new LsmlError('VALIDATION_FAILED', 'tasks[0].data must be an object');
 */
export class LsmlError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra fields merged into the JSON body (never secrets, never stacks). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LsmlError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = options.details;
  }

  /** The JSON body sent over the wire: flat, because Label Studio shows it to the user. */
  toJSON(): { error: string; code: ErrorCode } & Record<string, unknown> {
    return { ...this.details, error: this.message, code: this.code };
  }
}

/** True for an LsmlError, also across package copies (checks the shape, not the prototype). */
export function isLsmlError(value: unknown): value is LsmlError {
  return (
    value instanceof LsmlError ||
    (value instanceof Error &&
      value.name === 'LsmlError' &&
      typeof (value as { code?: unknown }).code === 'string' &&
      typeof (value as { status?: unknown }).status === 'number')
  );
}
