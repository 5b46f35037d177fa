import type { Context, Hono } from 'hono';
import { isSafeProjectId } from '../../contract/project-id.js';
import { isLsmlError, LsmlError } from '../../errors/index.js';
import { healthChecker } from '../../runtime/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { checkFormPost, formToken } from '../status/form-guard.js';
import { renderPage, renderSections } from '../status/render.js';
import { RequestRates } from '../status/request-rates.js';
import { collectStatus } from '../status/status-data.js';

/** A browser asks for HTML; Label Studio and curl (`*\/*`) keep getting JSON at `/`. */
function wantsHtml(c: Context): boolean {
  return /\btext\/html\b/.test(c.req.header('accept') ?? '');
}

/**
 * The status page: `GET /` for browsers, `GET /status` (JSON), `GET /status/sections` (the
 * page's live parts) and `POST /status/rollback` (a form: same-origin and token checked).
 */
export function statusRoutes(app: Hono<LsmlEnv>, deps: RouteDeps): void {
  const rates = new RequestRates(deps.runtime.metrics);
  const token = formToken(deps.runtime);
  const health = healthChecker(deps.runtime, { needsWorkers: deps.trainer.mode === 'queue' });
  const html = (body: string, status: 200 | 403 | 404 | 422 = 200) =>
    new Response(body, {
      status,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });

  app.get('/', async (c, next) => {
    if (!wantsHtml(c)) return next();
    return html(renderPage(await collectStatus(deps, rates, health), await token()));
  });
  app.get('/status', async (c) => c.json(await collectStatus(deps, rates, health)));
  app.get('/status/sections', async () =>
    html(renderSections(await collectStatus(deps, rates, health), await token())),
  );
  app.post('/status/rollback', async (c) => {
    const type = c.req.header('content-type') ?? '';
    // Only the page's own form encoding: URL-encoded bodies always parse.
    if (!/^application\/x-www-form-urlencoded\b/i.test(type))
      throw new LsmlError(
        'UNSUPPORTED_MEDIA_TYPE',
        'POST /status/rollback takes the status page form (application/x-www-form-urlencoded)',
      );
    const form = await c.req.parseBody();
    try {
      checkFormPost(c, form.token, await token());
      const project = typeof form.project === 'string' ? form.project : '';
      const version = typeof form.version === 'string' ? form.version : '';
      if (!isSafeProjectId(project))
        throw new LsmlError(
          'VALIDATION_FAILED',
          `Field "project" must be a project id like 12, got "${project}"`,
        );
      if (!/^[\w.-]{1,200}$/.test(version))
        throw new LsmlError(
          'VALIDATION_FAILED',
          `Field "version" must be a model version like ${deps.runtime.store.label(1)}`,
        );
      const info = await deps.runtime.rollback(project, version);
      c.get('log').info({ project, version: info.version }, 'rolled back from the status page');
      // Back to the page (relative: works behind a path prefix); a reload does not post again.
      return c.redirect('..', 303);
    } catch (error) {
      // The page's form shows what went wrong on the page; any other client gets the JSON error.
      if (!isLsmlError(error) || error.status >= 500 || !wantsHtml(c)) throw error;
      const status =
        error.status === 403 || error.status === 404 || error.status === 422 ? error.status : 422;
      return html(
        renderPage(await collectStatus(deps, rates, health), await token(), error.message),
        status,
      );
    }
  });
}
