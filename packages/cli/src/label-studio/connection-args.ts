import { CLIError } from '../cli-error.js';
import type { BasicCredentials } from './backend-http.js';

/** Flags naming a Label Studio project (doctor, predict). */
export const labelStudioArgs = {
  'label-studio': {
    type: 'string',
    description: 'Label Studio URL (env LABEL_STUDIO_URL)',
    valueHint: 'url',
  },
  'api-key': {
    type: 'string',
    description:
      'Label Studio API key: legacy token or personal access token (env LABEL_STUDIO_API_KEY)',
    valueHint: 'key',
  },
} as const;

/** Flags naming the backend to use: a directory run in-process, or a running one at a URL. */
export const backendTargetArgs = {
  backend: {
    type: 'string',
    description: 'Backend directory, run in-process',
    valueHint: 'dir',
  },
  url: {
    type: 'string',
    description: 'A running backend (lsml or not): only HTTP is spoken to it',
    valueHint: 'backend-url',
  },
  'basic-auth-user': {
    type: 'string',
    description: 'Basic auth user of the backend at --url (env BASIC_AUTH_USER)',
    valueHint: 'user',
  },
  'basic-auth-pass': {
    type: 'string',
    description: 'Basic auth password of the backend at --url (env BASIC_AUTH_PASS)',
    valueHint: 'password',
  },
} as const;

/** Flags of a backend directory run in-process (with --backend). */
export const inProcessArgs = {
  'model-dir': {
    type: 'string',
    description: 'With --backend: model store (env MODEL_DIR, default <backend>/models)',
    valueHint: 'path',
  },
  'log-level': {
    type: 'string',
    description: 'With --backend: backend logs on stderr (default silent)',
    valueHint: 'level',
  },
} as const;

/** Where Label Studio is, the key, and the project, from the flags or the environment. */
export interface LabelStudioTarget {
  url: string;
  apiKey: string;
  project: string;
}

export function labelStudioTarget(
  flags: {
    'label-studio': string | undefined;
    'api-key': string | undefined;
    project: string | undefined;
  },
  env: NodeJS.ProcessEnv,
  command: string,
): LabelStudioTarget {
  const url = set(flags['label-studio']) ?? set(env.LABEL_STUDIO_URL) ?? set(env.LABEL_STUDIO_HOST);
  const apiKey = set(flags['api-key']) ?? set(env.LABEL_STUDIO_API_KEY);
  const usage = `lsml ${command} --label-studio http://localhost:8080 --api-key KEY --project 1`;
  if (url === undefined)
    throw new CLIError(
      'BAD_ARGS',
      'Missing --label-studio (or LABEL_STUDIO_URL)',
      `usage: ${usage}`,
    );
  if (!/^https?:\/\/[^/]/i.test(url))
    throw new CLIError(
      'BAD_ARGS',
      `--label-studio must be an http(s) URL, got "${url}"`,
      'the address you open Label Studio at, like http://localhost:8080',
    );
  if (apiKey === undefined)
    throw new CLIError(
      'BAD_ARGS',
      'Missing --api-key (or LABEL_STUDIO_API_KEY)',
      'copy it from Label Studio: Account & Settings → Personal Access Token (or Legacy Token)',
    );
  const project = set(flags.project);
  if (project === undefined || !/^\d+$/.test(project))
    throw new CLIError(
      'BAD_ARGS',
      project === undefined
        ? 'Missing --project'
        : `--project must be a project id (a number), got "${project}"`,
      'the number in the project URL: http://localhost:8080/projects/<id>',
    );
  return { url, apiKey, project };
}

/** Basic auth for `--url`: the flags, else BASIC_AUTH_USER/BASIC_AUTH_PASS; both or neither. */
export function basicCredentials(
  flags: { 'basic-auth-user': string | undefined; 'basic-auth-pass': string | undefined },
  env: NodeJS.ProcessEnv,
): BasicCredentials | undefined {
  const user = set(flags['basic-auth-user']) ?? set(env.BASIC_AUTH_USER);
  const pass = set(flags['basic-auth-pass']) ?? set(env.BASIC_AUTH_PASS);
  if (user === undefined && pass === undefined) return undefined;
  if (user === undefined || pass === undefined)
    throw new CLIError(
      'BAD_ARGS',
      'Basic auth needs both a user and a password',
      'pass --basic-auth-user and --basic-auth-pass together',
    );
  return { user, pass };
}

/** Exactly one of --backend and --url. */
export function backendChoice(
  flags: { backend: string | undefined; url: string | undefined },
  command: string,
): { backend: string } | { url: string } {
  const backend = set(flags.backend);
  const url = set(flags.url);
  if ((backend === undefined) === (url === undefined))
    throw new CLIError(
      'BAD_ARGS',
      backend === undefined ? 'Missing --backend or --url' : 'Give --backend or --url, not both',
      `lsml ${command} … --backend ./my_backend (run it here) or --url http://localhost:9090 (a running one)`,
    );
  if (url !== undefined && !/^https?:\/\/[^/]/i.test(url))
    throw new CLIError('BAD_ARGS', `--url must be an http(s) URL, got "${url}"`);
  return backend === undefined ? { url: url ?? '' } : { backend };
}

function set(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
