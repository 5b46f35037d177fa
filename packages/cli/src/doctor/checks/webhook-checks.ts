import type { WebhookInfo } from '@lsml/core';
import { answerError } from '../../label-studio/backend-http.js';
import type { DoctorContext } from '../doctor-context.js';

/** The events training needs: without them annotations never reach the backend. */
const TRAINING_EVENTS = ['ANNOTATION_CREATED', 'ANNOTATION_UPDATED'];

/**
 * The project has a webhook to the backend's `/webhook` (Label Studio adds one when the model is
 * connected) that sends payloads for the annotation events, and the backend accepts it as Label
 * Studio sends it: without basic auth, so with `?secret=` (or a header) when it requires auth.
 */
export async function checkWebhooks(ctx: DoctorContext): Promise<void> {
  if (!ctx.project || !ctx.mlBackend) {
    ctx.checks.skip(
      'webhook',
      'webhooks not checked: they need the project and its connected model',
    );
    return;
  }
  let hooks: WebhookInfo[];
  try {
    hooks = await ctx.session.labelStudio.webhooks(ctx.target.project);
  } catch (error) {
    ctx.checks.fail(
      'webhook',
      `Cannot list the project's webhooks: ${(error as Error).message}`,
      'the token must belong to a user who can manage the project',
    );
    return;
  }
  const target = `${ctx.mlBackend.url.replace(/\/+$/, '')}/webhook`;
  const hook = hooks.find((h) => h.url.split('?')[0]?.replace(/\/+$/, '') === target);
  if (!hook) {
    ctx.checks.fail(
      'webhook',
      `No webhook to ${target}: annotations never reach the backend, so it never trains on them`,
      `add one in Label Studio (project Settings → Webhooks): URL ${target}${needsSecret(ctx) ? '?secret=<WEBHOOK_SECRET>' : ''}, send payload, all actions; or remove and connect the model again`,
    );
    return;
  }
  const problems: string[] = [];
  if (hook.is_active === false) problems.push('it is turned off');
  if (hook.send_payload === false)
    problems.push('it sends no payload (the backend needs the annotation)');
  const actions = hook.actions ?? [];
  if (hook.send_for_all_actions === false && !TRAINING_EVENTS.every((a) => actions.includes(a)))
    problems.push(
      `it does not send ${TRAINING_EVENTS.filter((a) => !actions.includes(a)).join(' and ')}`,
    );
  if (problems.length > 0) {
    ctx.checks.fail(
      'webhook',
      `The webhook to ${target} will not train the backend: ${problems.join('; ')}`,
      'edit it in project Settings → Webhooks: active, send payload, all actions',
    );
    return;
  }
  await probe(ctx, hook, target);
}

/** Sends the webhook to the backend as Label Studio would (its query and headers, no basic auth). */
async function probe(ctx: DoctorContext, hook: WebhookInfo, target: string): Promise<void> {
  if (!ctx.backendUp) {
    ctx.checks.ok('webhook', `Webhook to ${target} (not sent: the backend is not UP)`);
    return;
  }
  const query = hook.url.includes('?') ? `?${hook.url.split('?').slice(1).join('?')}` : '';
  const answer = await ctx.backend.http.withCredentials(undefined).call(
    'POST',
    `/webhook${query}`,
    { action: 'LSML_DOCTOR_PING', project: { id: Number(ctx.target.project) } },
    {
      timeoutMs: 10_000,
      headers: hook.headers ?? {},
    },
  );
  if (answer.status === 401 || answer.status === 403) {
    ctx.checks.fail(
      'webhook',
      `The backend refuses Label Studio's webhook to ${target}: ${answerError(answer)}`,
      query === ''
        ? 'Label Studio webhooks carry no basic auth: set WEBHOOK_SECRET on the backend and add ?secret=<it> to the webhook URL (or WEBHOOK_AUTH=none)'
        : "the secret in the webhook URL is not the backend's WEBHOOK_SECRET: make them the same",
    );
    return;
  }
  if (answer.status >= 300) {
    ctx.checks.fail(
      'webhook',
      `The backend's /webhook answered ${answerError(answer)}`,
      'see the backend logs',
    );
    return;
  }
  ctx.checks.ok(
    'webhook',
    `Webhook to ${target}${query === '' ? '' : ' (with ?secret=)'}: the backend accepts it (${answer.status})`,
  );
}

function needsSecret(ctx: DoctorContext): boolean {
  const config = ctx.backend.config;
  if (config) return config.basicAuth !== undefined && config.webhookAuth === 'required';
  return ctx.backendAuth === true;
}
