/** Flags shared by the commands that run a backend (start, worker). */
export const runtimeArgs = {
  mode: {
    type: 'string',
    description: 'dev trains in-process; production queues training for workers (env LSML_MODE)',
    valueHint: 'dev|production',
  },
  'basic-auth-user': {
    type: 'string',
    description: 'Require HTTP basic auth with this user (env BASIC_AUTH_USER)',
    valueHint: 'user',
  },
  'basic-auth-pass': {
    type: 'string',
    description: 'Password for basic auth (env BASIC_AUTH_PASS)',
    valueHint: 'password',
  },
  'log-level': {
    type: 'string',
    description: 'fatal|error|warn|info|debug|trace (env LOG_LEVEL, default info)',
    valueHint: 'level',
  },
  'model-dir': {
    type: 'string',
    description: 'Where model versions are kept (env MODEL_DIR, default <dir>/models)',
    valueHint: 'path',
  },
  debug: { type: 'boolean', description: 'Debug logs, and stack traces on errors' },
} as const;
