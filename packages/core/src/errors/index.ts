export { ERROR_STATUS, type ErrorCode } from './codes.js';
export { LsmlError, isLsmlError } from './lsml-error.js';
