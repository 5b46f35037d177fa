import { sendJson } from '../http-helpers.js';
import type { FakeMlBackend } from '../fake-project.js';
import { authorized, type FakeRequest, type FakeRoute } from '../fake-state.js';

/** `GET /api/ml?project=` and `GET /api/webhooks?project=`: what the project is connected to. */
export const integrationRoutes: FakeRoute = (r) => {
  if (r.method !== 'GET') return false;
  if (r.path === '/api/ml') {
    if (!authorized(r)) return true;
    const project = projectOf(r);
    sendJson(
      r.res,
      200,
      (project?.options.mlBackends ?? []).map((ml, i) => ({
        id: ml.id ?? i + 1,
        url: ml.url,
        title: ml.title ?? 'default',
        state: ml.state ?? defaultState(ml, r.state.options.docker === true),
        auth_method: ml.auth_method ?? 'NONE',
        basic_auth_user: ml.basic_auth_user ?? null,
        is_interactive: ml.is_interactive ?? false,
        model_version: ml.model_version ?? '',
        error_message: ml.error_message ?? null,
        project: project?.id,
        timeout: 100,
        auto_update: true,
      })),
    );
    return true;
  }
  if (r.path === '/api/webhooks') {
    if (!authorized(r)) return true;
    const project = projectOf(r);
    sendJson(
      r.res,
      200,
      (project?.options.webhooks ?? []).map((hook, i) => ({
        id: hook.id ?? i + 1,
        project: project?.id,
        url: hook.url,
        send_payload: hook.send_payload ?? true,
        send_for_all_actions: hook.send_for_all_actions ?? true,
        headers: hook.headers ?? {},
        is_active: hook.is_active ?? true,
        actions: hook.actions ?? [],
      })),
    );
    return true;
  }
  return false;
};

function projectOf(r: FakeRequest) {
  return r.state.projects.get(Number(r.url.searchParams.get('project')));
}

/** Inside a container, `localhost` is Label Studio itself: nothing answers there. */
function defaultState(ml: FakeMlBackend, docker: boolean): string {
  const host = new URL(ml.url).hostname;
  const loopback =
    host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '0.0.0.0';
  return docker && loopback ? 'DI' : 'CO';
}
