import { sendJson, readJsonBody } from '../http-helpers.js';
import { authorized, notFound, type FakeRoute } from '../fake-state.js';

/** `GET /api/version`, `POST /api/token/refresh/` and `GET /api/current-user/whoami`. */
export const authRoutes: FakeRoute = async (r) => {
  if (r.path === '/api/version' && r.method === 'GET') {
    const release = r.state.options.version ?? '1.20.0';
    sendJson(r.res, 200, {
      release,
      'label-studio-os-package': { version: release, short_version: release.slice(0, 3) },
    });
    return true;
  }
  // Exactly with the slash: Django cannot redirect a POST to the slashed path.
  if (r.url.pathname === '/api/token/refresh/' && r.method === 'POST') {
    if (!r.state.tokens.personalEnabled) return notFound(r);
    const body = (await readJsonBody(r.req)) as { refresh?: unknown } | undefined;
    const answer = r.state.tokens.refresh(body?.refresh);
    if ('access' in answer) sendJson(r.res, 200, answer);
    else {
      const { status, ...detail } = answer;
      sendJson(r.res, status, detail);
    }
    return true;
  }
  if (r.path === '/api/current-user/whoami' && r.method === 'GET') {
    if (!authorized(r)) return true;
    sendJson(r.res, 200, { id: 1, email: 'admin@example.com', username: 'admin' });
    return true;
  }
  return false;
};
