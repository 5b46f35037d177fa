import type { Hono } from 'hono';
import { LsmlError } from '../../errors/index.js';
import { requestProjectId } from '../../model/project-id.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { setupBodySchema } from '../schemas.js';

/**
 * `POST /setup`: Label Studio calls it before every batch of predictions. It answers the
 * project's *current* model version: Label Studio only re-predicts tasks when it changes.
 */
export function setupRoute(app: Hono<LsmlEnv>, { runtime, onLabelStudio }: RouteDeps): void {
  app.post('/setup', async (c) => {
    const body = await readJson(c, setupBodySchema);
    const project = requestProjectId(body.project, 'project') ?? 'default';
    const labelInterface = await runtime.labelInterface(project, body.schema ?? undefined);
    if (labelInterface && runtime.backend.setup) {
      await runtime.backend.setup({ project, labelInterface, log: c.get('log') });
    }
    if (body.hostname || body.access_token) {
      onLabelStudio({ url: body.hostname ?? undefined, token: body.access_token ?? undefined });
    }
    const live = await runtime.models.refresh(project);
    if (!labelInterface && body.schema !== undefined && body.schema !== null) {
      throw new LsmlError('INVALID_LABEL_CONFIG', 'The label config ("schema") is empty');
    }
    return c.json({ model_version: live.version });
  });
}
