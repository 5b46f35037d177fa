import type { Hono } from 'hono';
import { parseLabelConfig } from '../../label-config/index.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { validateBodySchema } from '../schemas.js';

/** `POST /validate` (older Label Studio): is this label config usable by this backend? */
export function validateRoute(app: Hono<LsmlEnv>, { runtime }: RouteDeps): void {
  app.post('/validate', async (c) => {
    const body = await readJson(c, validateBodySchema);
    await runtime.checkConfig(parseLabelConfig(body.config), undefined, c.get('log'));
    return c.json({});
  });
}
