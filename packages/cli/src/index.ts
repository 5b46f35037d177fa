export { run } from './run.js';
export { CLIError, type CLIErrorCode } from './cli-error.js';
export { processIo, type CliIo, type OutputStream } from './io.js';
export { loadBackend, type LoadedBackend } from './backend/load-backend.js';
export { readTasks, type TaskSource } from './tasks/read-tasks.js';
export { splitJsonArray } from './tasks/json-array-splitter.js';
