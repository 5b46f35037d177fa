import type { Hono } from 'hono';
import { requestProjectId } from '../../contract/project-id.js';
import type { InteractiveContext } from '../../contract/backend.js';
import type { Task } from '../../contract/types.js';
import type { RouteDeps } from '../deps.js';
import type { LsmlEnv } from '../env.js';
import { readJson } from '../read-json.js';
import { predictBodySchema } from '../schemas.js';

/** `POST /predict`: one prediction per task, in task order (see `BackendRuntime.predict`). */
export function predictRoute(app: Hono<LsmlEnv>, { runtime }: RouteDeps): void {
  app.post('/predict', async (c) => {
    const body = await readJson(c, predictBodySchema);
    const { login: _login, password: _password, context, ...params } = body.params ?? {};
    const answer = await runtime.predict(
      requestProjectId(body.project, 'project') ?? 'default',
      body.tasks as Task[],
      {
        labelConfig: body.label_config ?? undefined,
        params,
        context: context as InteractiveContext | undefined,
        log: c.get('log'),
        // Reading the raw request's signal makes @hono/node-server build a full Request object:
        // done only if the backend asks for it.
        get signal() {
          return c.req.raw.signal;
        },
      },
    );
    return c.json({ results: answer.results, model_version: answer.modelVersion });
  });
}
