/**
 * Every error lsml reports has one of these stable codes; clients (and Label Studio users
 * reading the message) can rely on them. The table is the single place that maps a code to
 * its HTTP status.
 */
export const ERROR_STATUS = {
  BAD_JSON: 400,
  /** Node's HTTP parser refused the request itself (request line, headers, chunking). */
  MALFORMED_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  EXPECTATION_FAILED: 417,
  VALIDATION_FAILED: 422,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_LABEL_CONFIG: 422,
  INVALID_PREDICTION: 500,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  JOB_GONE: 410,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  CONFLICT: 409,
  UNSUPPORTED_CONFIG: 422,
  DATA_FETCH_FAILED: 502,
  DATA_BLOCKED: 403,
  DATA_TOO_LARGE: 413,
  DATA_TIMEOUT: 504,
  DATA_NOT_FOUND: 404,
  DATA_UNAUTHORIZED: 502,
  QUEUE_UNAVAILABLE: 503,
  MODEL_UNAVAILABLE: 503,
  TRAINING_FAILED: 500,
  BACKEND_ERROR: 500,
  INTERNAL: 500,
} as const;

/** A stable, machine-readable error code. */
export type ErrorCode = keyof typeof ERROR_STATUS;
