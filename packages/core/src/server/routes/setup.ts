import type { Hono } from 'hono';
import { requestProjectId } from '../../contract/project-id.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { setupBodySchema } from '../schemas.js';

/**
 * `POST /setup`: Label Studio calls it before every batch of predictions. It answers the
 * project's *current* model version: Label Studio only re-predicts tasks when it changes.
 */
export function setupRoute(app: Hono<LsmlEnv>, { runtime }: RouteDeps): void {
  app.post('/setup', async (c) => {
    const body = await readJson(c, setupBodySchema);
    const connection = { url: body.hostname ?? undefined, token: body.access_token ?? undefined };
    const modelVersion = await runtime.setup(
      requestProjectId(body.project, 'project') ?? 'default',
      {
        labelConfig: body.schema ?? undefined,
        ...(connection.url || connection.token ? { labelStudio: connection } : {}),
        log: c.get('log'),
      },
    );
    return c.json({ model_version: modelVersion });
  });
}
