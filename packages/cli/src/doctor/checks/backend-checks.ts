import { answerError, type BackendAnswer } from '../../label-studio/backend-http.js';
import { projectKey } from '../../label-studio/project-key.js';
import type { DoctorContext } from '../doctor-context.js';

/** Label Studio's own timeouts (ml/api_connector.py): slower answers fail in Label Studio. */
const HEALTH_TIMEOUT_MS = 1000;
const SETUP_TIMEOUT_MS = 3000;

/** `GET /health` answers UP, with the credentials Label Studio needs to send. */
export async function checkHealth(ctx: DoctorContext): Promise<void> {
  const { http } = ctx.backend;
  const where = http.where;
  if (ctx.backend.startError !== undefined) {
    ctx.checks.fail(
      'backend-health',
      `The backend could not start: ${ctx.backend.startError}`,
      'fix what its init() needs (a model file, a variable); `lsml start` shows the same error',
    );
    return;
  }
  let anonymous: BackendAnswer;
  try {
    anonymous = await http
      .withCredentials(undefined)
      .call('GET', '/health', undefined, { timeoutMs: 10_000 });
  } catch (error) {
    ctx.checks.fail(
      'backend-health',
      `The backend is not reachable at ${where}: ${cause(error)}`,
      'start it (`lsml start <dir>` or docker compose up), and pass the URL it listens on as --url',
    );
    return;
  }
  ctx.backendAuth = anonymous.status === 401;
  let answer = anonymous;
  if (ctx.backendAuth) {
    if (!http.hasCredentials) {
      ctx.checks.fail(
        'backend-health',
        `The backend at ${where} requires basic auth (401 on /health)`,
        'pass --basic-auth-user and --basic-auth-pass as set on the backend (BASIC_AUTH_USER/BASIC_AUTH_PASS), and set the same in Label Studio (Settings → Model → edit → Authentication)',
      );
      return;
    }
    answer = await http.call('GET', '/health', undefined, { timeoutMs: 10_000 });
    if (answer.status === 401) {
      ctx.checks.fail(
        'backend-health',
        `The backend at ${where} refuses the basic auth credentials given`,
        'use the BASIC_AUTH_USER and BASIC_AUTH_PASS the backend runs with, here and in Label Studio',
      );
      return;
    }
  }
  const status =
    (answer.json as
      | { status?: unknown; model_class?: unknown; can_train?: unknown; reason?: unknown }
      | undefined) ?? {};
  // 503 DEGRADED: it predicts (Label Studio still gets 200 UP) but cannot train.
  const degraded = answer.status === 503 && status.status === 'DEGRADED';
  if (!degraded && (answer.status !== 200 || status.status !== 'UP')) {
    ctx.checks.fail(
      'backend-health',
      `The backend's /health did not answer UP: ${answerError(answer)}`,
      'Label Studio marks a model Connected only on 200 {"status": "UP"}; see the backend logs',
    );
    return;
  }
  ctx.backendUp = true;
  const model = typeof status.model_class === 'string' ? status.model_class : 'unnamed model';
  const auth = ctx.backendAuth ? ', basic auth' : '';
  ctx.checks.ok('backend-health', `Backend ${where} is UP: ${model} (${ms(answer)}${auth})`);
  if (degraded || status.can_train === false)
    ctx.checks.warn(
      'backend-health',
      `The backend predicts but cannot train: ${typeof status.reason === 'string' ? status.reason : 'see its /health'}`,
      'annotations are stored and wait; fix the reason (start a worker, reach Redis, free the model store) and training resumes',
    );
  if (answer.ms > HEALTH_TIMEOUT_MS)
    ctx.checks.warn(
      'backend-health',
      `/health took ${ms(answer)}; Label Studio waits ${HEALTH_TIMEOUT_MS} ms and then shows the model Disconnected`,
      'keep /health free of work (no model loading or I/O in it)',
    );
}

/** `POST /setup` with the project's config answers a model version (the config is one it can use). */
export async function checkSetup(ctx: DoctorContext): Promise<void> {
  if (!ctx.backendUp || !ctx.project) {
    ctx.checks.skip(
      'backend-setup',
      '/setup not checked: it needs the project and a backend that is UP',
    );
    return;
  }
  const answer = await ctx.backend.http.call(
    'POST',
    '/setup',
    {
      project: projectKey(ctx.project),
      schema: ctx.project.label_config,
      hostname: ctx.target.url,
      access_token: ctx.target.apiKey,
    },
    { timeoutMs: 30_000 },
  );
  const version = (answer.json as { model_version?: unknown } | undefined)?.model_version;
  if (answer.status !== 200) {
    ctx.checks.fail(
      'backend-setup',
      `The backend refuses project ${ctx.target.project}'s label config: ${answerError(answer)}`,
      answer.status === 422
        ? 'this backend cannot label this config: pick the backend made for it, or change the config to what its README shows'
        : 'see the backend logs; Label Studio shows this error as "Validation error" when connecting',
    );
    return;
  }
  if (typeof version !== 'string' || version === '') {
    ctx.checks.fail(
      'backend-setup',
      "The backend's /setup answered without a model_version",
      'answer {"model_version": "<current version>"}: Label Studio keys predictions by it',
    );
    return;
  }
  ctx.modelVersion = version;
  ctx.checks.ok(
    'backend-setup',
    `/setup accepts the config: model version ${version} (${ms(answer)})`,
  );
  if (answer.ms > SETUP_TIMEOUT_MS)
    ctx.checks.warn(
      'backend-setup',
      `/setup took ${ms(answer)}; Label Studio waits ${SETUP_TIMEOUT_MS} ms before every batch of predictions`,
      'load models once at start (init), not in setup',
    );
}

function ms(answer: BackendAnswer): string {
  return `${Math.round(answer.ms)} ms`;
}

function cause(error: unknown): string {
  const inner = (error as { cause?: { code?: string; message?: string } }).cause;
  return inner?.code ?? inner?.message ?? (error as Error).message;
}
