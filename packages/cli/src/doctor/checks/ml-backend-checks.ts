import type { MlBackendInfo } from '@lsml/core';
import type { DoctorContext } from '../doctor-context.js';

const STATES: Record<string, string> = {
  CO: 'connected',
  DI: 'disconnected',
  ER: 'error',
  TR: 'training',
  PR: 'predicting',
};

/**
 * The ML backends Label Studio has connected to the project (`/api/ml?project=`): one is this
 * backend, Label Studio reaches it, and not at a `localhost` that inside Label Studio's
 * container is Label Studio itself.
 */
export async function checkMlBackends(ctx: DoctorContext): Promise<void> {
  if (!ctx.project) {
    ctx.checks.skip('ml-backend', 'connected models not checked: it needs the project');
    return;
  }
  let listed: MlBackendInfo[];
  try {
    listed = await ctx.session.labelStudio.mlBackends(ctx.target.project);
  } catch (error) {
    ctx.checks.fail(
      'ml-backend',
      `Cannot list the project's models: ${(error as Error).message}`,
      'the token must belong to a user who can manage the project',
    );
    return;
  }
  const suggested = ctx.backend.url ?? 'http://<host>:9090';
  if (listed.length === 0) {
    ctx.checks.fail(
      'ml-backend',
      `No model is connected to project ${ctx.target.project}`,
      `connect it in Label Studio: project Settings → Model → Connect Model, URL ${suggested} (from Docker: http://host.docker.internal:9090)`,
    );
    return;
  }
  const ml = pick(listed, ctx.backend.url);
  ctx.mlBackend = ml;
  const state = STATES[ml.state ?? ''] ?? ml.state ?? 'unknown';
  const others =
    listed.length > 1 ? [`${listed.length} models are connected; checked ${ml.url}`] : [];
  if (ctx.backend.url !== undefined && !sameBackend(ml.url, ctx.backend.url))
    ctx.checks.warn(
      'ml-backend-url',
      `Label Studio connects to ${ml.url}, not to the --url given (${ctx.backend.url})`,
      'check the model URL in the project settings: it must reach this backend from where Label Studio runs',
    );
  const local = isLoopback(new URL(ml.url).hostname);
  const lsLocal = isLoopback(new URL(ctx.target.url).hostname);
  if (local && (ml.state !== 'CO' || !lsLocal)) {
    ctx.checks.fail(
      'ml-backend',
      `Label Studio connects to ${ml.url} (${state}): from inside Label Studio's container (or another machine) that address is Label Studio itself`,
      `use an address Label Studio can reach: http://host.docker.internal:${port(ml.url)} (on Linux start Label Studio with --add-host host.docker.internal:host-gateway), the compose service name, or this machine's LAN address`,
      others,
    );
    return;
  }
  if (ml.state === 'DI' || ml.state === 'ER') {
    const why = ml.error_message ? `: ${ml.error_message}` : '';
    ctx.checks.fail(
      'ml-backend',
      `Label Studio cannot use ${ml.url} (${state}${why})`,
      ml.state === 'DI'
        ? 'Label Studio cannot reach that URL: check it from where Label Studio runs (firewall, Docker network, port)'
        : 'Label Studio reached it but /setup failed: see the setup check above and the backend logs',
      others,
    );
    return;
  }
  ctx.checks.ok('ml-backend', `Label Studio connects to ${ml.url} (${state})`, others);
  checkAuth(ctx, ml);
}

/** The basic auth Label Studio sends (the model's Authentication settings) is what the backend wants. */
function checkAuth(ctx: DoctorContext, ml: MlBackendInfo): void {
  const lsSends = ml.auth_method === 'BASIC_AUTH';
  const wanted = ctx.backend.user;
  if (ctx.backendAuth === undefined) return;
  if (ctx.backendAuth && !lsSends) {
    ctx.checks.fail(
      'ml-backend-auth',
      'The backend requires basic auth, but Label Studio connects without it',
      `edit the model in Label Studio: Authentication → Basic Auth${wanted === undefined ? '' : `, user "${wanted}"`}, and the backend's password`,
    );
    return;
  }
  if (!ctx.backendAuth && lsSends) {
    ctx.checks.warn(
      'ml-backend-auth',
      `Label Studio sends basic auth (user "${ml.basic_auth_user ?? ''}") that the backend does not ask for`,
      'harmless; to protect the backend set BASIC_AUTH_USER and BASIC_AUTH_PASS on it',
    );
    return;
  }
  if (lsSends && wanted !== undefined && ml.basic_auth_user && ml.basic_auth_user !== wanted) {
    ctx.checks.fail(
      'ml-backend-auth',
      `Label Studio logs in as "${ml.basic_auth_user}", the backend expects "${wanted}"`,
      'set the same user (and password) in Label Studio: Settings → Model → edit → Authentication',
    );
    return;
  }
  ctx.checks.ok(
    'ml-backend-auth',
    lsSends
      ? `Label Studio sends basic auth as "${ml.basic_auth_user ?? ''}", which the backend requires`
      : 'No basic auth on either side',
  );
}

/** The listed model that is `url` (by URL, else by port and path), else the first. */
function pick(listed: MlBackendInfo[], url: string | undefined): MlBackendInfo {
  const [first] = listed as [MlBackendInfo, ...MlBackendInfo[]];
  if (url === undefined) return first;
  return (
    listed.find((ml) => normal(ml.url) === normal(url)) ??
    listed.find((ml) => sameBackend(ml.url, url)) ??
    first
  );
}

/** The same port and path: one backend under two names (localhost here, host.docker.internal there). */
function sameBackend(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return port(a) === port(b) && trim(x.pathname) === trim(y.pathname);
  } catch {
    return false;
  }
}

function normal(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${trim(u.pathname)}`;
  } catch {
    return url;
  }
}

function trim(path: string): string {
  return path.replace(/\/+$/, '');
}

function port(url: string): string {
  const u = new URL(url);
  return u.port || (u.protocol === 'https:' ? '443' : '80');
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return (
    h === 'localhost' ||
    h.endsWith('.localhost') ||
    h === '::1' ||
    h === '0.0.0.0' ||
    /^127\./.test(h)
  );
}
